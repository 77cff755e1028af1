package rapport.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rapport.config.RapportConfig;
import rapport.errors.RapportException;

/** The options of {@code run} and of every stage command. */
public class RunOptions {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description =
          "The rapport.yaml naming the inputs, e.g. data-samples/rapport.yaml or"
              + " hdfs://namenode:8020/rapport/rapport.yaml.")
  public Path config;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description =
          "The date everything is computed as of (default: the config's as_of, else today).")
  public String asOf;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where runs are written, as DIR/<as_of>/ (default: the config's output.dir, else"
              + " ./out); a path or an hdfs://, s3a://, abfs:// URI.")
  public Path out;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master, e.g. spark://host:7077 (default: local[*] in this process).")
  public String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description =
          "A Spark setting, e.g. --conf spark.sql.shuffle.partitions=64 (repeatable); it wins over"
              + " spark-defaults.conf and rapport's defaults.")
  public Map<String, String> conf = new LinkedHashMap<>();

  @Mixin public CommonOptions common = new CommonOptions();

  /** The as-of date: the option, else the config's, else today in the config's zone. */
  public LocalDate asOf(RapportConfig config) {
    if (asOf != null) {
      try {
        return LocalDate.parse(asOf);
      } catch (DateTimeParseException e) {
        throw RapportException.usage("--as-of is '%s'; allowed: a date as yyyy-MM-dd", asOf);
      }
    }
    return config.asOf().orElseGet(() -> LocalDate.now(config.timeZone()));
  }

  public Path out(RapportConfig config) {
    return out != null ? out : config.outDir().orElse(Path.of("out"));
  }
}
