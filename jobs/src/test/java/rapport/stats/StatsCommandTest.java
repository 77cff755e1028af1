package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Main;

/** {@code rapport stats ...} called as the command line, checking exit code, output and JSON. */
class StatsCommandTest {
  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static JsonNode json(Path p) throws IOException {
    return new ObjectMapper().readTree(p.toFile());
  }

  @Test
  void bgnbdOnCdnowGivesThePublishedParameters() throws IOException {
    Path cdnow = ReferenceData.shared("cdnow/CDNOW_sample.txt");
    Path out = tmp.resolve("bgnbd.json");
    Run r =
        run(
            "stats",
            "bgnbd",
            "--input",
            cdnow.toString(),
            "--no-header",
            "--customer",
            "1",
            "--date",
            "3",
            "--value",
            "5",
            "--calibration-end",
            "1997-09-30",
            "--json",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2357 customers"), r.out());
    assertTrue(r.out().contains("dropped rows (missing or unparseable values): 0"), r.out());
    JsonNode j = json(out);
    assertEquals("bgnbd", j.get("model").asText());
    assertEquals(2357, j.get("n_customers").asInt());
    // published to three decimals (FHL 2005); LL −9582.4
    assertEquals(0.243, j.at("/params/r").asDouble(), 5e-4);
    assertEquals(4.414, j.at("/params/alpha").asDouble(), 5e-4);
    assertEquals(0.793, j.at("/params/a").asDouble(), 5e-4);
    assertEquals(2.426, j.at("/params/b").asDouble(), 5e-4);
    assertEquals(-9582.4, j.get("log_likelihood").asDouble(), 0.05);
    // Fader & Hardie 2013 on the 946 repeat buyers
    assertEquals(946, j.at("/gamma_gamma/n_customers").asInt());
    assertEquals(6.25, j.at("/gamma_gamma/params/p").asDouble(), 0.005);
    assertEquals(3.74, j.at("/gamma_gamma/params/q").asDouble(), 0.005);
    assertEquals(15.44, j.at("/gamma_gamma/params/gamma").asDouble(), 0.005);
    assertEquals(-4055.92, j.at("/gamma_gamma/log_likelihood").asDouble(), 0.005);
    assertEquals(0, j.get("dropped_rows").asInt());
  }

  @Test
  void bgnbdDropsAndCountsPoisonRows() throws IOException {
    Path csv = tmp.resolve("orders.csv");
    Files.writeString(
        csv,
        String.join(
            "\n",
            "customer_id,order_date,amount",
            "a,2024-01-01,10",
            "a,2024-01-01,5",
            "a,2024-02-01,20",
            "a,2024-03-15,30",
            "b,2024-01-10,12",
            "b,2024-04-01,8",
            "c,2024-02-01,40",
            "d,2024-01-05,7",
            "d,2024-01-20,9",
            "d,2024-05-01,3",
            "e,2024-03-01,15",
            "THIS IS A PARSE ERROR,not-a-date,x",
            ",2024-01-01,3",
            "f,2024-01-01,"));
    Path out = tmp.resolve("fit.json");
    Run r =
        run(
            "stats",
            "bgnbd",
            "--input",
            csv.toString(),
            "--customer",
            "customer_id",
            "--date",
            "order_date",
            "--value",
            "amount",
            "--calibration-end",
            "2024-06-30",
            "--time-unit",
            "day",
            "--json",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("dropped rows (missing or unparseable values): 3"), r.out());
    JsonNode j = json(out);
    assertEquals(5, j.get("n_customers").asInt());
    assertEquals(3, j.get("dropped_rows").asInt());
    assertEquals(3, j.at("/gamma_gamma/n_customers").asInt(), "a, b and d bought again");
  }

  @Test
  void coxOnRossiReproducesThePublishedFit() throws IOException {
    Path rossi = ReferenceData.shared("survival/rossi.csv");
    Path out = tmp.resolve("cox.json");
    Run r =
        run(
            "stats",
            "cox",
            "--input",
            rossi.toString(),
            "--duration",
            "week",
            "--event",
            "arrest",
            "--covariates",
            "fin,age,race,wexp,mar,paro,prio",
            "--json",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Concordance = 0.640"), r.out());
    JsonNode j = json(out);
    assertEquals("cox", j.get("model").asText());
    assertEquals(432, j.get("n").asInt());
    assertEquals(114, j.get("events").asInt());
    // published coefficients to 1e-4 (SOURCES.md); R's se and exp(coef) for fin
    assertEquals(-0.3794222, j.at("/coefficients/fin/coef").asDouble(), 1e-4);
    assertEquals(0.0914971, j.at("/coefficients/prio/coef").asDouble(), 1e-4);
    assertEquals(0.1913794807135, j.at("/coefficients/fin/se").asDouble(), 1e-6);
    assertEquals(0.684256681443, j.at("/coefficients/fin/hr").asDouble(), 1e-6);
    assertEquals(
        Math.exp(-0.3794221664859 - 1.959963984540054 * 0.1913794807135),
        j.at("/coefficients/fin/lower95").asDouble(),
        1e-6);
    assertEquals(0.04741609486577, j.at("/coefficients/fin/p").asDouble(), 1e-8);
    assertEquals(-658.7477, j.get("log_likelihood").asDouble(), 1e-4);
    assertEquals(0.640, j.get("concordance").asDouble(), 5e-4);
    assertEquals(0, j.get("dropped_rows").asInt());
  }

  @Test
  void coxWithCountingProcessRowsAndBreslow() throws IOException {
    Path out = tmp.resolve("heart.json");
    Run r =
        run(
            "stats",
            "cox",
            "--input",
            ReferenceData.resource("heart.csv").toString(),
            "--start",
            "start",
            "--duration",
            "stop",
            "--event",
            "event",
            "--id",
            "id",
            "--covariates",
            "age,year,surgery,transplant",
            "--ties",
            "breslow",
            "--json",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode j = json(out);
    assertEquals(103, j.get("n").asInt(), "103 patients in 172 (start, stop] rows");
    assertEquals(75, j.get("events").asInt());
    // R coxph(Surv(start, stop, event) ~ ..., ties = "breslow"), to 1e-6
    assertEquals(0.0271520807645, j.at("/coefficients/age/coef").asDouble(), 1e-6);
    assertEquals(-0.0118958509638, j.at("/coefficients/transplant/coef").asDouble(), 1e-6);
    assertEquals(-290.794534648, j.get("log_likelihood").asDouble(), 1e-6);
  }

  @Test
  void kmOnLungWithEventValueTwo() throws IOException {
    Path lung = ReferenceData.shared("survival/lung.csv");
    Path out = tmp.resolve("km.json");
    Run r =
        run(
            "stats",
            "km",
            "--input",
            lung.toString(),
            "--duration",
            "time",
            "--event",
            "status",
            "--event-value",
            "2",
            "--json",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().matches("(?s).*all\\s+228\\s+165\\s+310\\s+285\\s+363.*"), r.out());
    JsonNode g = json(out).at("/groups/all");
    assertEquals(228, g.get("n").asInt());
    assertEquals(310, g.get("median").asDouble(), 0.0);
    assertEquals(285, g.get("median_lower95").asDouble(), 0.0);
    assertEquals(363, g.get("median_upper95").asDouble(), 0.0);
    assertEquals(186, g.get("times").size());
    assertEquals(228, g.get("at_risk").get(0).asDouble(), 0.0);
    int last365 = 0;
    for (int i = 0; i < g.get("times").size(); i++) {
      if (g.get("times").get(i).asDouble() <= 365) {
        last365 = i;
      }
    }
    assertEquals(0.4092416244601, g.get("survival").get(last365).asDouble(), 1e-10);
    assertEquals(0, json(out).get("dropped_rows").asInt());
  }

  @Test
  void kmByGroupCountsRowsWithMissingGroup() throws IOException {
    Path csv = tmp.resolve("tenure.csv");
    Files.writeString(
        csv,
        "months;churned;segment\n3;1;personal\n5;0;personal\n2;1;none\n4;1;none\n6;;none\n"
            + "7;0;\nx;1;none\n");
    Path out = tmp.resolve("km.json");
    Run r =
        run(
            "stats",
            "km",
            "--input",
            csv.toString(),
            "--duration",
            "months",
            "--event",
            "churned",
            "--group",
            "segment",
            "--json",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode j = json(out);
    assertEquals(3, j.get("dropped_rows").asInt());
    assertEquals(2, j.at("/groups/personal/n").asInt());
    assertEquals(2, j.at("/groups/none/n").asInt());
    assertTrue(j.at("/groups/none/lower95/1").isNull(), "S = 0 has no interval, as R's NA");
  }

  @Test
  void missingColumnExitsThreeAndSaysWhich() {
    Path rossi = ReferenceData.shared("survival/rossi.csv");
    Run r =
        run(
            "stats",
            "cox",
            "--input",
            rossi.toString(),
            "--duration",
            "weeks",
            "--event",
            "arrest");
    assertEquals(3, r.exit());
    assertTrue(r.err().contains("column 'weeks' (given to --duration)"), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
  }

  @Test
  void missingOrEmptyFileExitsThree() throws IOException {
    Run missing =
        run(
            "stats",
            "km",
            "--input",
            tmp.resolve("nope.csv").toString(),
            "--duration",
            "t",
            "--event",
            "e");
    assertEquals(3, missing.exit());
    assertTrue(missing.err().contains("input file not found"), missing.err());
    Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
    Run r = run("stats", "km", "--input", empty.toString(), "--duration", "t", "--event", "e");
    assertEquals(3, r.exit());
    assertTrue(r.err().contains("is empty"), r.err());
  }

  @Test
  void eventColumnThatIsNotZeroOneNeedsEventValue() {
    Path lung = ReferenceData.shared("survival/lung.csv");
    Run r =
        run("stats", "km", "--input", lung.toString(), "--duration", "time", "--event", "status");
    assertEquals(3, r.exit());
    assertTrue(r.err().contains("--event-value"), r.err());
  }

  @Test
  void badOptionsExitTwo() throws IOException {
    Path csv = Files.writeString(tmp.resolve("t.csv"), "t,e\n1,1\n2,0\n");
    assertEquals(
        2,
        run(
                "stats",
                "cox",
                "--input",
                csv.toString(),
                "--duration",
                "t",
                "--event",
                "e",
                "--ties",
                "exact")
            .exit());
    assertEquals(2, run("stats", "km", "--input", csv.toString(), "--duration", "t").exit());
    assertEquals(
        2,
        run("stats", "km", "--input", csv.toString(), "--duration", "t", "--event", "e", "--bogus")
            .exit());
    assertEquals(
        2,
        run(
                "stats",
                "bgnbd",
                "--input",
                csv.toString(),
                "--customer",
                "t",
                "--date",
                "e",
                "--calibration-end",
                "2024-13-45")
            .exit());
    assertEquals(
        2,
        run(
                "stats",
                "bgnbd",
                "--input",
                csv.toString(),
                "--customer",
                "t",
                "--date",
                "e",
                "--calibration-end",
                "2024-01-01",
                "--time-unit",
                "month")
            .exit());
    assertEquals(
        2,
        run(
                "stats",
                "cox",
                "--input",
                csv.toString(),
                "--duration",
                "t",
                "--event",
                "e",
                "--start",
                "t")
            .exit());
    Run help = run("stats", "cox", "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("--ties"), help.out());
    assertFalse(help.out().contains("No description"), help.out());
  }
}
