package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.config.RapportConfig;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;

/** The file checks {@code validate} runs before Spark starts: they need no session. */
class FileChecksTest {
  @TempDir Path dir;

  @Test
  void aMissingInputIsAnInputErrorNamingIt() throws IOException {
    Files.writeString(
        dir.resolve("customers.csv"), "customer_id,customer_since\nC1,2020-01-05\nC2,not-a-date\n");
    Files.writeString(
        dir.resolve("rapport.yaml"),
        "as_of: 2026-06-30\ninputs:\n"
            + "  customers: {path: customers.csv}\n"
            + "  orders: {path: orders.csv}\n");
    RapportConfig config = Stages.loadConfig(dir.resolve("rapport.yaml"));
    RapportException e = assertThrows(RapportException.class, () -> IngestStage.checkFiles(config));
    assertEquals(ExitCode.INPUT_CONTRACT, e.exitCode());
    assertTrue(e.getMessage().contains("input orders: orders.csv does not exist"), e.getMessage());
  }

  @Test
  void presentInputsPass() throws IOException {
    Files.writeString(dir.resolve("orders.csv"), "order_id,customer_id,ordered_at,amount\n");
    Files.writeString(
        dir.resolve("rapport.yaml"), "as_of: 2026-06-30\ninputs:\n  orders: {path: orders.csv}\n");
    IngestStage.checkFiles(Stages.loadConfig(dir.resolve("rapport.yaml")));
  }
}
