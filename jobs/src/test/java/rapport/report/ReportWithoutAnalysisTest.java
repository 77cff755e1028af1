package rapport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;

/**
 * {@code ./rapport run} with only ingestion before the report: the report still opens, says plainly
 * what was not available, and holds no personal data.
 */
class ReportWithoutAnalysisTest {
  @TempDir Path dir;

  @Test
  void saysWhatWasNotAvailable() throws IOException {
    Files.writeString(
        dir.resolve("customers.csv"),
        "customer_id,first_name,last_name,email,phone,customer_since\n"
            + "C1,Annegret,Quast,annegret.quast@example.com,+49 30 5550101,2020-01-05\n"
            + "C2,Jonte,Vorpahl,jonte@example.com,,2021-03-01\n"
            + "C3,Xaver,,,,not-a-date\n");
    Files.writeString(
        dir.resolve("orders.csv"),
        "order_id,customer_id,ordered_at,amount\n"
            + "O1,C1,2026-02-11 10:00,11.50\n"
            + "O2,C2,2026-03-12 10:00,12.50\n");
    Files.writeString(
        dir.resolve("rapport.yaml"),
        "as_of: 2026-06-30\ntime_zone: Europe/Berlin\ninputs:\n"
            + "  customers: {path: customers.csv, max_bad_share: 0.5}\n"
            + "  orders: {path: orders.csv}\n"
            + "report: {touch_months: 12}\n");
    Path out = dir.resolve("out");
    Cli run =
        Cli.run("run", "--config", dir.resolve("rapport.yaml").toString(), "--out", out.toString());
    assertEquals(0, run.exitCode, run.toString());
    Path folder = out.resolve("2026-06-30");
    String text = PdfText.visibleText(Files.readString(folder.resolve(ReportRenderer.HTML)));
    // Every stage ran; without interactions and without a customer old enough for the backtest,
    // the report says what it could not show and why, instead of empty tables and NaN.
    assertTrue(
        text.contains(
            "Not available in this run: retention by touch mix; survival curves; hazard ratios and"
                + " model quality; backtest calibration; touches per month; customer value."),
        text);
    assertTrue(text.contains("tables/touches is empty (no interactions among the inputs)"), text);
    // two one-order customers identify no purchase model: the report says so instead of P(alive)
    assertTrue(text.contains("no finite P(alive) in tables/relationship_scores"), text);
    assertTrue(
        text.contains("This week: 2 customers to contact"),
        "without a purchase model the last year's run rate still values both buyers, so outreach"
            + " ranks them instead of suppressing them (NO_SCORE)\n"
            + text);
    assertFalse(text.contains("NaN"), text);
    assertTrue(text.contains("No earlier complete run under this output folder"));
    assertTrue(text.contains("3 input rows read") || text.contains("5 input rows read"), text);
    assertTrue(Files.isRegularFile(folder.resolve("charts/data-quality.png")));
    String pdf = PdfText.extract(folder.resolve(ReportRenderer.PDF));
    for (String personal :
        List.of(
            "Annegret", "Quast", "annegret.quast@example.com", "+49 30 5550101", "Jonte", "C1")) {
      assertEquals(List.of(), ReportStageTest.leaks(text, Set.of(personal)));
      assertEquals(List.of(), ReportStageTest.leaks(pdf, Set.of(personal)));
    }
  }

  @Test
  void anUnknownReportSettingIsAConfigurationError() throws IOException {
    Files.writeString(
        dir.resolve("orders.csv"),
        "order_id,customer_id,ordered_at,amount\nO1,C1,2026-02-11 10:00,1\n");
    Files.writeString(
        dir.resolve("rapport.yaml"),
        "as_of: 2026-06-30\ninputs:\n  orders: {path: orders.csv}\nreport: {touch_monts: 12}\n");
    Cli run =
        Cli.run(
            "run",
            "--config",
            dir.resolve("rapport.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(2, run.exitCode, run.toString());
    assertTrue(run.err.contains("touch_monts"), run.err);
  }
}
