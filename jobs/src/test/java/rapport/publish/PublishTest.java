package rapport.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.run.RunFolder;
import rapport.schema.Outreach;
import rapport.testing.Cli;
import rapport.testing.PostgresServer;
import rapport.testing.TestSpark;

/**
 * {@code ./rapport publish} against a real PostgreSQL server the test starts itself: the schema and
 * tables are created, a second publish leaves no duplicates, a publish that fails on a poison row
 * leaves the rows published before, and another date's rows stay.
 */
class PublishTest {
  static final String PASSWORD_ENV = "RAPPORT_TEST_PG_PASSWORD";
  static final String SCHEMA = "crm_sync";
  @TempDir static Path dir;
  static PostgresServer server;

  static final StructType SCORES =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("relationship_score", DataTypes.DoubleType, true)
          .add("frequency_365d", DataTypes.LongType, false)
          .add("is_masked", DataTypes.BooleanType, false)
          .add("reason_codes", DataTypes.createArrayType(DataTypes.StringType, false), false)
          .add("last_order_at", DataTypes.TimestampType, true);

  @BeforeAll
  static void startServer() throws Exception {
    Optional<Path> bin = PostgresServer.binaries();
    Assumptions.assumeTrue(
        bin.isPresent(),
        "PostgreSQL is not installed (Debian: apt-get install postgresql): the publish tests"
            + " against a real server are skipped");
    String password = System.getenv(PASSWORD_ENV);
    assertNotNull(password, PASSWORD_ENV + " is set by the build (surefire) for these tests");
    server = PostgresServer.start(bin.get(), password);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** A config with sinks.postgres on the test server; ingest is never run by these tests. */
  static Path config(String passwordEnv) throws Exception {
    Path yaml = dir.resolve("rapport-" + passwordEnv + ".yaml");
    Files.writeString(dir.resolve("orders.csv"), "order_id,customer_id,ordered_at,amount\n");
    Files.writeString(
        yaml,
        "inputs:\n  orders: {path: orders.csv}\nsinks:\n  postgres:\n    url: "
            + (server == null ? "jdbc:postgresql://127.0.0.1:9/none" : server.url())
            + "\n    user: postgres\n    password_env: "
            + passwordEnv
            + "\n    schema: "
            + SCHEMA
            + "\n");
    return yaml;
  }

  /** A committed run folder of {@code asOf} with {@code customers} outreach rows and scores. */
  static Path committedRun(String name, String asOf, List<String> customers) throws Exception {
    SparkSession spark = TestSpark.session();
    Path out = dir.resolve(name);
    Path run = out.resolve(asOf);
    java.sql.Date day = java.sql.Date.valueOf(asOf);
    List<Row> outreach = new ArrayList<>();
    List<Row> scores = new ArrayList<>();
    int rank = 0;
    for (String c : customers) {
      rank++;
      boolean holdout = rank % 4 == 0;
      outreach.add(
          RowFactory.create(
              day,
              holdout ? null : rank,
              c,
              "R1",
              "R1",
              false,
              holdout,
              10.0 / rank,
              100.0,
              0.2,
              0.8,
              500.0,
              rank % 3 == 0 ? null : 55.5,
              List.of("RECENT_PURCHASE", "NO_PERSONAL_TOUCH"),
              rank == 1 ? "birthday 2026-07-03, \"Grüße\"" : null,
              null,
              java.sql.Date.valueOf(java.time.LocalDate.parse(asOf).plusDays(7))));
      scores.add(
          RowFactory.create(
              c,
              rank % 3 == 0 ? null : 40.0 + rank,
              (long) rank,
              rank % 2 == 0,
              List.of("RECENT_PURCHASE"),
              java.sql.Timestamp.valueOf("2026-06-01 10:15:00")));
    }
    spark
        .createDataFrame(outreach, Outreach.SCHEMA)
        .coalesce(1)
        .write()
        .parquet(run.resolve("tables/outreach").toString());
    spark
        .createDataFrame(scores, SCORES)
        .coalesce(1)
        .write()
        .parquet(run.resolve("tables/relationship_scores").toString());
    Files.writeString(run.resolve(RunFolder.SUCCESS), "");
    return out;
  }

  static Cli publish(Path out, String passwordEnv) throws Exception {
    return Cli.runStreams(
        "publish",
        "--config",
        config(passwordEnv).toString(),
        "--out",
        out.toString(),
        "--as-of",
        asOf(out));
  }

  static String asOf(Path out) throws Exception {
    try (var s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{4}-\\d{2}-\\d{2}"))
          .findFirst()
          .orElseThrow();
    }
  }

  static List<String> query(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(server.url(), "postgres", System.getenv(PASSWORD_ENV));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(r.getObject(i)));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }

  @Test
  void publishingTwiceCreatesTheTablesOnceAndLeavesNoDuplicates() throws Exception {
    Path out = committedRun("twice", "2026-06-23", List.of("C1", "C2", "C3", "C4", "C5"));
    Cli first = publish(out, PASSWORD_ENV);
    assertEquals(0, first.exitCode, first::toString);
    assertEquals(
        out.resolve("2026-06-23").toAbsolutePath().normalize().toString(),
        first.out.strip(),
        first::toString);
    assertTrue(first.err.contains("[1/1] publish: "), first::toString);
    Cli second = publish(out, PASSWORD_ENV);
    assertEquals(0, second.exitCode, second::toString);

    assertEquals(
        List.of("outreach", "relationship_scores", "runs"),
        query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                + SCHEMA
                + "' ORDER BY 1"));
    assertEquals(
        List.of("2026-06-23|5|5"),
        query(
            "SELECT as_of, count(*), count(DISTINCT customer_id) FROM "
                + SCHEMA
                + ".outreach WHERE as_of = '2026-06-23' GROUP BY as_of"));
    assertEquals(
        List.of("5"),
        query(
            "SELECT count(*) FROM " + SCHEMA + ".relationship_scores WHERE as_of = '2026-06-23'"));
    List<String> runs =
        query(
            "SELECT run_id, outreach_rows, relationship_scores_rows FROM "
                + SCHEMA
                + ".runs WHERE as_of = '2026-06-23'");
    assertEquals(1, runs.size(), runs::toString);
    String runId = runs.get(0).split("\\|")[0];
    assertTrue(runId.startsWith("2026-06-23-"), runId);
    assertTrue(runs.get(0).endsWith("|5|5"), runs::toString);
    // the table's own columns, with their types, beside run_id and as_of
    assertEquals(
        List.of("C1|1|birthday 2026-07-03, \"Grüße\"|{RECENT_PURCHASE,NO_PERSONAL_TOUCH}|" + runId),
        query(
            "SELECT customer_id, rank, occasion, reason_codes, run_id FROM "
                + SCHEMA
                + ".outreach WHERE as_of = '2026-06-23' AND customer_id = 'C1'"));
    assertEquals(
        List.of("C4|4|true|44.0|2026-06-01 10:15:00+00"),
        query(
            "SELECT customer_id, frequency_365d, is_masked, relationship_score,"
                + " to_char(last_order_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS+00') FROM "
                + SCHEMA
                + ".relationship_scores WHERE as_of = '2026-06-23' AND customer_id = 'C4'"));
    assertTrue(
        Files.readString(out.resolve("2026-06-23/publish/postgres.json"))
            .contains("\"" + SCHEMA + ".outreach\": 5"));
  }

  @Test
  void aPublishThatFailsLeavesThePreviousRows() throws Exception {
    Path good = committedRun("good", "2026-06-30", List.of("C1", "C2", "C3"));
    Cli first = publish(good, PASSWORD_ENV);
    assertEquals(0, first.exitCode, first::toString);
    List<String> before =
        query(
            "SELECT customer_id, run_id FROM "
                + SCHEMA
                + ".outreach WHERE as_of = '2026-06-30'"
                + " ORDER BY 1");
    assertEquals(3, before.size(), before::toString);

    // the same date again, with more rows and a poison one PostgreSQL refuses (a NUL in text)
    Path bad =
        committedRun("bad", "2026-06-30", List.of("C1", "C2", "C3", "C4", "C5", "C6\u0000x"));
    Cli failed = publish(bad, PASSWORD_ENV);
    assertEquals(4, failed.exitCode, failed::toString);
    assertEquals("", failed.out, failed::toString);
    String last = failed.err.lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("rapport: cannot publish to " + server.url()), failed::toString);
    assertTrue(last.contains("the rows published before are kept"), failed::toString);
    assertFalse(failed.err.contains("\tat "), failed::toString);
    assertEquals(
        before,
        query(
            "SELECT customer_id, run_id FROM "
                + SCHEMA
                + ".outreach WHERE as_of = '2026-06-30'"
                + " ORDER BY 1"));
    assertEquals(
        List.of("3"),
        query(
            "SELECT count(*) FROM " + SCHEMA + ".relationship_scores WHERE as_of = '2026-06-30'"));
    assertEquals(
        List.of("3"),
        query("SELECT outreach_rows FROM " + SCHEMA + ".runs WHERE as_of = '2026-06-30'"));
  }

  @Test
  void anotherDatesRowsStay() throws Exception {
    Path a = committedRun("a", "2026-05-31", List.of("C1", "C2"));
    Path b = committedRun("b", "2026-05-24", List.of("C1", "C2", "C3", "C4"));
    assertEquals(0, publish(a, PASSWORD_ENV).exitCode);
    assertEquals(0, publish(b, PASSWORD_ENV).exitCode);
    assertEquals(
        List.of("2026-05-24|4", "2026-05-31|2"),
        query(
            "SELECT as_of, count(*) FROM "
                + SCHEMA
                + ".outreach WHERE as_of IN ('2026-05-24', '2026-05-31') GROUP BY as_of ORDER BY"
                + " 1"));
  }

  @Test
  void anUnsetPasswordVariableIsAConfigurationError() throws Exception {
    Path out = committedRun("unset", "2026-04-30", List.of("C1"));
    Cli r = publish(out, "RAPPORT_TEST_PG_PASSWORD_NOT_SET");
    assertEquals(2, r.exitCode, r::toString);
    assertTrue(
        r.err.contains(
            "'sinks.postgres.password_env' names the environment variable"
                + " RAPPORT_TEST_PG_PASSWORD_NOT_SET, which is not set: export it before the run"),
        r::toString);
    assertEquals("", r.out);
  }
}
