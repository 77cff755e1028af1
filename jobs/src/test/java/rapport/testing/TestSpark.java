package rapport.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;
import rapport.spark.SparkSessions;

/** The one SparkSession every test in the JVM shares (local[2], UTC, no UI). */
public final class TestSpark {
  private TestSpark() {}

  private static SparkSession session;

  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSessions.forTests();
    }
    return session;
  }

  /** The project's top folder (where pom.xml and data-samples/ are). */
  public static Path projectRoot() {
    String root = System.getProperty("rapport.project.root");
    return (root == null ? Paths.get("..") : Paths.get(root)).toAbsolutePath().normalize();
  }

  /** The shared reference datasets, beside the project. */
  public static Path sharedDatasets() {
    return projectRoot().resolve("../shared/datasets").normalize();
  }
}
