package rapport.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import rapport.config.RapportConfig;
import rapport.errors.ExitCode;
import rapport.fs.Storage;
import rapport.ingest.IngestStage;
import rapport.run.Pipeline;
import rapport.run.Progress;
import rapport.spark.SparkSessions;

/** {@code rapport validate}: the input checks of a run, without writing a run. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the configuration and every input against its contract, as a run would, and print"
          + " rows read, valid and quarantined per input. Writes no run folder.",
      "Exit 0 when every input is within its tolerance, 2 for a configuration error, 3 for an"
          + " input that breaks its contract."
    })
public class ValidateCommand implements Callable<Integer> {
  @Mixin RunOptions options = new RunOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Storage.configure(SparkSessions.hadoopConfiguration(options.conf));
    RapportConfig config = Stages.loadConfig(options.config);
    Progress progress = Progress.detect(Main.progressStream(spec), true);
    IngestStage.checkFiles(config); // a missing file is said before Spark starts
    SparkSession spark =
        SparkSessions.forCli(
            options.master, options.conf, options.common.verbose, IngestStage.inputBytes(config));
    progress.line("validating %s", options.config);
    Pipeline.check(spark, config, options.asOf(config), List.of(new IngestStage()), progress);
    progress.line("every input is within its tolerance");
    return ExitCode.OK.code();
  }
}
