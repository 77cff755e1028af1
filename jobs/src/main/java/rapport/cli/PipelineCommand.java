package rapport.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import rapport.config.ConfigLoader;
import rapport.config.RapportConfig;
import rapport.run.Pipeline;
import rapport.run.Progress;
import rapport.run.Stage;
import rapport.spark.SparkSessions;

/** {@code run} (every stage) and each single-stage command share this. */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
public class PipelineCommand implements Callable<Integer> {
  @Mixin RunOptions options = new RunOptions();

  private final List<Stage> stages;
  private final boolean fromCommitted;

  PipelineCommand(List<Stage> stages, boolean fromCommitted) {
    this.stages = stages;
    this.fromCommitted = fromCommitted;
  }

  /** {@code rapport run}: every stage, from the inputs to the report. */
  static PipelineCommand all() {
    return new PipelineCommand(Stages.all().stream().map(Stages.Entry::stage).toList(), false);
  }

  /** A single stage, replacing its outputs in the committed run of the same date. */
  static PipelineCommand single(Stage stage) {
    return new PipelineCommand(List.of(stage), !stage.needs().isEmpty());
  }

  @Override
  public Integer call() {
    RapportConfig config = ConfigLoader.load(options.config);
    var asOf = options.asOf(config);
    var out = options.out(config);
    Progress progress = Progress.detect();
    progress.line(
        "rapport %s: as of %s, config %s, output %s",
        Main.codeVersion(), asOf, options.config, out);
    SparkSession spark = SparkSessions.forCli(options.master, options.common.verbose);
    long t0 = System.nanoTime();
    Pipeline.Result result =
        Pipeline.run(spark, config, asOf, out, stages, fromCommitted, progress);
    progress.line(
        "done: %s (run %s) in %.1f s",
        result.folder(), result.runId(), (System.nanoTime() - t0) / 1e9);
    return ExitCode.OK.code();
  }
}
