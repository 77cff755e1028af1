package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.config.InputConfig;
import rapport.config.RapportConfig;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.schema.Columns;
import rapport.schema.Schemas;
import rapport.testing.TestSpark;

/** One input through the ingest functions, called directly: read, tally, clean, quarantine. */
class IngestInputTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  @TempDir Path dir;

  private RapportConfig config(String orders) throws IOException {
    Files.writeString(dir.resolve("orders.csv"), orders);
    Path f = dir.resolve("rapport.yaml");
    Files.writeString(f, "as_of: 2026-06-30\ninputs:\n  orders: {path: orders.csv}\n");
    return Stages.loadConfig(f);
  }

  private IngestInput.Read read(RapportConfig config) {
    return IngestInput.read(
        TestSpark.session(),
        config.inputs().get(Schemas.ORDERS.name()),
        dir,
        config.timeZone(),
        AS_OF,
        null);
  }

  @Test
  void everyRowIsValidOrQuarantinedWithItsReasonAndTheValidOnesMakeTheTable() throws IOException {
    RapportConfig config =
        config(
            "order_id,customer_id,ordered_at,amount\n"
                + "O1,C1,2026-01-05 10:00,10.00\n"
                + "O2,C2,2026-02-05 09:30,4.20\n"
                // poison: a date that is none, an amount that is no number
                + "O3,C3,someday,1.00\n"
                + "O4,C4,2026-03-01 08:00,lots\n");
    InputConfig input = config.inputs().get(Schemas.ORDERS.name());
    IngestInput.Read read = read(config);
    assertEquals(List.of("orders.csv"), read.files().stream().map(SourceFile::display).toList());
    IngestInput.Tally tally = IngestInput.tally(input, read);
    assertEquals(2, tally.valid());
    assertEquals(Map.of("NOT_A_NUMBER", 1L, "UNPARSEABLE_DATE", 1L), tally.byReason());
    assertEquals(4, tally.read());

    IngestInput.Clean clean = IngestInput.clean(input, read.checked(), tally.valid());
    assertEquals(2, clean.rows());
    assertEquals(Schemas.ORDERS.columnNames(), List.of(clean.table().columns()));
    List<Row> rows = clean.table().orderBy(Columns.ORDER_ID).collectAsList();
    assertEquals(
        List.of("O1", "O2"), rows.stream().map(r -> r.<String>getAs(Columns.ORDER_ID)).toList());
    assertEquals("completed", rows.get(0).getAs(Columns.STATUS), "orders get the default status");
    assertEquals(
        List.of("O3", "O4"),
        IngestInput.quarantined(read.checked()).orderBy(Columns.ORDER_ID).collectAsList().stream()
            .map(r -> r.<String>getAs(Columns.ORDER_ID))
            .toList());

    QualityReport report = IngestInput.report(input, dir, read, tally, clean.rows());
    assertEquals(0.5, report.badShare(), 0);
    assertEquals(2, report.rowsQuarantined());
    Path json = dir.resolve("report.json");
    Files.writeString(
        json,
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(QualityReport.document(AS_OF, Map.of("orders", report), null)));
    assertEquals(List.of(report), QualityReport.read(json), "the reader reads what was written");
  }

  @Test
  void anInputWithAHeaderButNoRowsStopsWithExit3() throws IOException {
    RapportConfig config = config("order_id,customer_id,ordered_at,amount\n");
    IngestInput.Read read = read(config);
    RapportException e =
        assertThrows(
            RapportException.class,
            () -> IngestInput.tally(config.inputs().get(Schemas.ORDERS.name()), read));
    assertEquals(ExitCode.INPUT_CONTRACT, e.exitCode());
    assertTrue(e.getMessage().contains("orders.csv has a header but no rows"), e.getMessage());
  }
}
