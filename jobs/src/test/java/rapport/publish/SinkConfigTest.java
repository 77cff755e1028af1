package rapport.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.config.RapportConfig;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.outreach.OutreachSettings;
import rapport.outreach.SafeCsv;

/** sinks.postgres and outreach.csv_dialect in rapport.yaml: read strictly, secrets never in it. */
class SinkConfigTest {
  @TempDir Path dir;

  private RapportConfig load(String extra) throws Exception {
    Path yaml = dir.resolve("rapport.yaml");
    Files.writeString(yaml, "inputs:\n  orders: {path: orders.csv}\n" + extra);
    return Stages.loadConfig(yaml);
  }

  private RapportException refused(String extra) {
    RapportException e = assertThrows(RapportException.class, () -> load(extra));
    assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
    return e;
  }

  @Test
  void withoutSinksNothingIsPublished() throws Exception {
    RapportConfig c = load("");
    assertFalse(PublishStage.configured(c));
    assertEquals(SafeCsv.Dialect.STANDARD, c.section(OutreachSettings.class).csvDialect());
  }

  @Test
  void thePasswordComesFromTheNamedVariable() throws Exception {
    String env = "RAPPORT_TEST_PG_PASSWORD"; // set by the build for the tests
    RapportConfig c =
        load(
            "sinks:\n  postgres:\n    url: jdbc:postgresql://db.example:5432/crm\n    user: rapport\n"
                + "    password_env: "
                + env
                + "\n");
    SinkSettings.Postgres pg = c.section(SinkSettings.class).postgres().orElseThrow();
    assertEquals(System.getenv(env), pg.password());
    assertEquals("rapport", pg.schema(), "the default schema");
    assertFalse(pg.toString().contains(pg.password()), "the password is never printed");
  }

  @Test
  void aPasswordInTheFileIsRefused() {
    String m =
        refused(
                "sinks:\n  postgres:\n    url: jdbc:postgresql://h/db\n    user: u\n"
                    + "    password: hunter2\n")
            .getMessage();
    assertTrue(m.contains("'sinks.postgres.password' holds a secret in the file"), m);
    assertFalse(m.contains("hunter2"), m);
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() {
    String url =
        refused(
                "sinks:\n  postgres:\n    url: mysql://h/db\n    user: u\n"
                    + "    password_env: RAPPORT_TEST_PG_PASSWORD\n")
            .getMessage();
    assertTrue(url.contains("'sinks.postgres.url' is 'mysql://h/db'; allowed:"), url);
    String schema =
        refused(
                "sinks:\n  postgres:\n    url: jdbc:postgresql://h/db\n    user: u\n"
                    + "    password_env: RAPPORT_TEST_PG_PASSWORD\n    schema: Drop Table\n")
            .getMessage();
    assertTrue(schema.contains("'sinks.postgres.schema' is 'Drop Table'"), schema);
    String unknown = refused("sinks:\n  snowflake: {}\n").getMessage();
    assertTrue(unknown.contains("unknown key 'sinks.snowflake'"), unknown);
    String dialect = refused("outreach:\n  csv_dialect: excel\n").getMessage();
    assertTrue(
        dialect.contains(
            "'outreach.csv_dialect' is 'excel'; allowed values: standard, spreadsheet"),
        dialect);
  }

  @Test
  void theSpreadsheetDialectIsOptIn() throws Exception {
    assertEquals(
        SafeCsv.Dialect.SPREADSHEET,
        load("outreach:\n  csv_dialect: spreadsheet\n")
            .section(OutreachSettings.class)
            .csvDialect());
  }
}
