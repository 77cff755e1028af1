package rapport.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;

/** Whose Spark settings win: the user's over rapport's defaults, --conf over system properties. */
class SparkSessionsTest {
  @Test
  void confWinsOverSystemPropertiesAndIsKeptApartFromDefaults() {
    String key = "spark.rapport.test.setting";
    System.setProperty(key, "from-system");
    try {
      assertEquals("from-system", SparkSessions.userSettings(Map.of()).get(key));
      assertEquals("from-conf", SparkSessions.userSettings(Map.of(key, "from-conf")).get(key));
    } finally {
      System.clearProperty(key);
    }
    assertFalse(SparkSessions.userSettings(Map.of()).containsKey("spark.sql.shuffle.partitions"));
    assertTrue(SparkSessions.DEFAULTS.containsKey("spark.sql.shuffle.partitions"));
  }

  @Test
  void aSmallInputGetsAPartitionPerCoreAndNoWholeStageCodegenATinyOneNoCodegenAtAll() {
    assertEquals(1, SparkSessions.localCores("local"));
    assertEquals(3, SparkSessions.localCores("local[3]"));
    assertEquals(4, SparkSessions.localCores("local[4,2]"));
    assertEquals(Runtime.getRuntime().availableProcessors(), SparkSessions.localCores("local[*]"));
    Map<String, String> small =
        SparkSessions.smallInputDefaults("local[3]", SparkSessions.SMALL_INPUT_BYTES);
    assertEquals("3", small.get("spark.sql.shuffle.partitions"));
    assertEquals("false", small.get("spark.sql.codegen.wholeStage"));
    assertEquals("FALLBACK", small.get(SparkSessions.CODEGEN_FACTORY_MODE));
    assertEquals(
        "2", SparkSessions.smallInputDefaults("local[1]", 0).get("spark.sql.shuffle.partitions"));
    // a tiny input interprets its expressions; one byte more and Spark generates code again
    assertEquals(
        "NO_CODEGEN",
        SparkSessions.smallInputDefaults("local[2]", SparkSessions.TINY_INPUT_BYTES)
            .get(SparkSessions.CODEGEN_FACTORY_MODE));
    assertEquals(
        "FALLBACK",
        SparkSessions.smallInputDefaults("local[2]", SparkSessions.TINY_INPUT_BYTES + 1)
            .get(SparkSessions.CODEGEN_FACTORY_MODE));
  }

  @Test
  void aKeyThatIsNoSparkSettingIsAUsageError() {
    RapportException e =
        assertThrows(
            RapportException.class,
            () -> SparkSessions.userSettings(Map.of("shuffle.partitions", "4")));
    assertEquals(ExitCode.USAGE.code(), e.exitCode().code());
    assertTrue(e.getMessage().contains("starts with 'spark.'"), e.getMessage());
  }

  @Test
  void aRequiredSettingCannotBeChanged() {
    RapportException e =
        assertThrows(
            RapportException.class,
            () ->
                SparkSessions.forCli(
                    "local[1]", Map.of("spark.sql.session.timeZone", "Europe/Berlin"), false, -1));
    assertEquals(ExitCode.USAGE.code(), e.exitCode().code());
    assertTrue(e.getMessage().contains("computes with spark.sql.session.timeZone=UTC"));
  }

  @Test
  void theExecutorsGetTheJarOnlyFromAJar() {
    // in the tests rapport's classes come from a folder: a cluster master is refused, not failed
    RapportException e =
        assertThrows(
            RapportException.class, () -> SparkSessions.applicationJars("spark://127.0.0.1:1"));
    assertTrue(e.getMessage().contains("not from a jar"), e.getMessage());
  }

  @Test
  void theManifestNeverRecordsSecrets() {
    assertFalse(SparkSessions.recordedKey("spark.authenticate.secret"));
    assertFalse(SparkSessions.recordedKey("spark.driver.port"));
    assertTrue(SparkSessions.recordedKey("spark.executor.memory"));
  }

  @Test
  void theUsersHadoopSettingsAreInForceBeforeTheSessionStarts() {
    String key = "spark.hadoop.fs.s3a.connection.maximum";
    System.setProperty(key, "7");
    try {
      var c =
          SparkSessions.hadoopConfiguration(
              Map.of(
                  "spark.hadoop.fs.s3a.endpoint",
                  "http://127.0.0.1:9000",
                  "spark.sql.shuffle.partitions",
                  "3"));
      assertEquals("http://127.0.0.1:9000", c.get("fs.s3a.endpoint"));
      assertEquals("7", c.get("fs.s3a.connection.maximum"), "spark-submit's --conf");
      assertEquals(null, c.get("spark.sql.shuffle.partitions"), "not a Hadoop setting");
      assertEquals(null, c.get("sql.shuffle.partitions"));
      // Hadoop's own defaults are there too
      assertEquals("file:///", c.get("fs.defaultFS"));
    } finally {
      System.clearProperty(key);
    }
  }
}
