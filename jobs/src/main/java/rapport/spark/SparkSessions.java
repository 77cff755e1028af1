package rapport.spark;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is made. Jobs get it from the command line; stages never create one.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for a CLI run: {@code local[*]} inside this JVM unless a master URL is given (or
   * {@code spark-submit} already set one).
   */
  public static SparkSession forCli(String master, boolean verbose) {
    quietLogging(verbose);
    SparkSession.Builder b = baseBuilder("rapport");
    String configured = System.getProperty("spark.master");
    if (master != null) {
      b.master(master);
    } else if (configured == null) {
      b.master("local[*]").config("spark.driver.host", "127.0.0.1");
    }
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
    return s;
  }

  /** A small, fast session for tests: two threads, no UI, UTC, few shuffle partitions. */
  public static SparkSession forTests() {
    quietLogging(false);
    return baseBuilder("rapport-tests")
        .master("local[2]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .getOrCreate();
  }

  private static SparkSession.Builder baseBuilder(String appName) {
    return SparkSession.builder()
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        // Everything is computed in UTC; the configured zone is applied explicitly where
        // local times are read or dates are cut.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
        .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
        .config("spark.sql.debug.maxToStringFields", "500");
  }

  /**
   * Spark's own logging is off unless the user asked for it: a failed task is logged with its stack
   * trace several times over, and the command already says in one line what went wrong.
   */
  public static void quietLogging(boolean verbose) {
    Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    for (String logger :
        List.of(
            "org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "org.sparkproject")) {
      Configurator.setLevel(logger, verbose ? Level.INFO : Level.OFF);
    }
  }
}
