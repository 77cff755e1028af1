package rapport.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rapport.config.RapportConfig;
import rapport.errors.BuildInfo;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.fs.Storage;
import rapport.ingest.IngestStage;
import rapport.publish.PublishStage;
import rapport.run.Explained;
import rapport.run.Pipeline;
import rapport.run.Progress;
import rapport.run.Stage;
import rapport.spark.SparkSessions;

/** {@code run} (every stage) and each single-stage command share this. */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
public class PipelineCommand implements Callable<Integer> {
  @Mixin RunOptions options = new RunOptions();

  @Option(
      names = "--json",
      description =
          "Print one JSON object on stdout instead of the run folder's path: run_id, as_of, path,"
              + " rows per input, seconds per stage, headline figures.")
  boolean json;

  @Spec CommandSpec spec;

  private final List<Stage> stages;
  private final boolean fromCommitted;

  /** --explain, for a single stage that keeps an explanation; null otherwise. */
  final ExplainOption explain;

  PipelineCommand(List<Stage> stages, boolean fromCommitted) {
    this.stages = stages;
    this.fromCommitted = fromCommitted;
    this.explain =
        stages.size() == 1 && stages.get(0) instanceof Explained ? new ExplainOption() : null;
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
    Storage.configure(SparkSessions.hadoopConfiguration(options.conf));
    RapportConfig config = Stages.loadConfig(options.config);
    var asOf = options.asOf(config);
    var out = options.out(config);
    Progress progress = Progress.detect(Main.progressStream(spec), options.common.verbose);
    progress.line(
        "rapport %s: as of %s, config %s, output %s",
        BuildInfo.version(), asOf, options.config, out);
    if (stagesFor(config).stream().anyMatch(s -> s instanceof IngestStage)) {
      // a missing, unreadable or empty input is said before Spark starts, as validate does
      IngestStage.checkFilesBeforeRun(config, asOf, out);
    }
    SparkSession spark =
        SparkSessions.forCli(
            options.master, options.conf, options.common.verbose, IngestStage.inputBytes(config));
    long t0 = System.nanoTime();
    Pipeline.Result result =
        Pipeline.run(spark, config, asOf, out, stagesFor(config), fromCommitted, progress);
    progress.line(
        "done: %s (run %s) in %.1f s",
        result.folder(), result.runId(), (System.nanoTime() - t0) / 1e9);
    PrintWriter stdout = spec.commandLine().getOut();
    if (json) {
      stdout.println(RunSummary.text(RunSummary.of(spark, result)));
    } else {
      if (explain != null && explain.explain) {
        printExplanation(result.folder().resolve(((Explained) stages.get(0)).explainFile()));
      }
      stdout.println(result.folder().toAbsolutePath().normalize());
    }
    stdout.flush();
    return ExitCode.OK.code();
  }

  /** {@code run} publishes only when a sink is configured; a single stage always runs. */
  private List<Stage> stagesFor(RapportConfig config) {
    if (stages.size() == 1 || PublishStage.configured(config)) {
      return stages;
    }
    return stages.stream().filter(s -> !(s instanceof PublishStage)).toList();
  }

  private void printExplanation(Path file) {
    try {
      spec.commandLine().getOut().print(Files.readString(file, StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
    } catch (IOException e) {
      throw RapportException.output(e, "cannot read %s: %s", file, e.getMessage());
    }
  }
}
