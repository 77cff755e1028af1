package rapport.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.errors.RapportException;
import rapport.generate.purchase.Latent;

/**
 * {@code --confounded}: the reps' personal touches follow the customer's latent staying propensity,
 * the planted effect does not change, the truth says so, and the same options give the same bytes.
 */
class ConfoundedWorldTest {
  @TempDir static Path dir;
  static Path plain;
  static Path confounded;

  static GenerateOptions confounded(Path out) {
    GenerateOptions o = TestWorlds.options(1500, 0, out);
    return new GenerateOptions(
        o.customers(),
        o.seed(),
        o.asOf(),
        o.zone(),
        0,
        o.partRows(),
        false,
        o.effects(),
        false,
        true,
        out);
  }

  @BeforeAll
  static void generate() {
    plain = dir.resolve("plain");
    confounded = dir.resolve("confounded");
    new Generator(TestWorlds.options(1500, 0, plain)).run();
    new Generator(confounded(confounded)).run();
  }

  /** Personal touches per year of history, for the customers with the lowest and highest p. */
  private static double[] personalRateByPropensity(Path world) {
    record C(double p, double perYear) {}
    List<C> cs = new ArrayList<>();
    for (CSVRecord r : TestWorlds.read(world.resolve("truth"), "customers")) {
      // dealership-only customers: one dropout probability, rep touches at the strength's rate
      if (!r.get("coffee_dropout_p").isEmpty() || r.get("service_dropout_p").isEmpty()) {
        continue;
      }
      double years =
          (java.time.LocalDate.of(2026, 6, 30).toEpochDay()
                  - java.time.LocalDate.parse(r.get("customer_since")).toEpochDay())
              / 365.0;
      if (years < 1) {
        continue;
      }
      cs.add(
          new C(
              Double.parseDouble(r.get("service_dropout_p")),
              Integer.parseInt(r.get("personal_touches")) / years));
    }
    cs.sort(Comparator.comparingDouble(C::p));
    int third = cs.size() / 3;
    double low = 0;
    double high = 0;
    for (int i = 0; i < third; i++) {
      low += cs.get(i).perYear() / third;
      high += cs.get(cs.size() - 1 - i).perYear() / third;
    }
    return new double[] {low, high};
  }

  @Test
  void personalTouchesGoToTheCustomersWhoWouldStayAnyway() {
    double[] p = personalRateByPropensity(plain);
    double[] c = personalRateByPropensity(confounded);
    // without confounding the reps do not know p: the lowest and highest thirds are alike
    assertTrue(p[0] / p[1] < 1.6, "plain: low-p " + p[0] + " vs high-p " + p[1]);
    // with it the customers least likely to drop out get several times as many
    assertTrue(c[0] / c[1] > 3.0, "confounded: low-p " + c[0] + " vs high-p " + c[1]);
  }

  @Test
  void theTruthSaysTheWorldIsConfoundedAndHow() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode conf = json.readTree(confounded.resolve("truth/parameters.json").toFile());
    assertTrue(conf.path("options").path("confounded").asBoolean());
    assertEquals("warmth", conf.path("confounding").path("by").asText());
    assertEquals(Latent.TARGETING_POWER, conf.path("confounding").path("power").asDouble());
    // the planted effect per touch is the one asked for
    assertEquals(0.6, conf.path("effects").path("personal_hazard_ratio").asDouble());
    JsonNode none = json.readTree(plain.resolve("truth/parameters.json").toFile());
    assertTrue(none.path("confounding").isMissingNode());
    assertTrue(none.path("options").path("confounded").isMissingNode());
    for (CSVRecord r : TestWorlds.read(confounded.resolve("truth"), "customers")) {
      double t = Double.parseDouble(r.get("personal_targeting"));
      assertTrue(t >= 1 / Latent.TARGETING_CAP && t <= Latent.TARGETING_CAP, r.toString());
    }
    assertTrue(
        !TestWorlds.read(plain.resolve("truth"), "customers")
            .get(0)
            .isMapped("personal_targeting"));
  }

  @Test
  void theLatentTruthOtherThanTheTouchesIsTheSameAsWithoutConfounding() {
    List<CSVRecord> a = TestWorlds.read(plain.resolve("truth"), "customers");
    List<CSVRecord> b = TestWorlds.read(confounded.resolve("truth"), "customers");
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      for (String col :
          List.of(
              "customer_id",
              "segment",
              "coffee_dropout_p",
              "service_dropout_p",
              "relationship_strength")) {
        assertEquals(a.get(i).get(col), b.get(i).get(col), col + " of " + a.get(i).get(0));
      }
    }
  }

  @Test
  void theSameOptionsGiveTheSameBytes() throws IOException {
    Path again = dir.resolve("again");
    new Generator(confounded(again)).run();
    for (String f :
        List.of("interactions.csv", "orders.csv", "truth/customers.csv", "truth/parameters.json")) {
      assertArrayEquals(
          Files.readAllBytes(confounded.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
    }
  }

  @Test
  void notWithContracts() {
    GenerateOptions o = confounded(dir.resolve("x"));
    RapportException e =
        assertThrows(
            RapportException.class,
            () ->
                new GenerateOptions(
                    o.customers(),
                    o.seed(),
                    o.asOf(),
                    o.zone(),
                    0,
                    o.partRows(),
                    true,
                    o.effects(),
                    false,
                    true,
                    o.out()));
    assertTrue(e.getMessage().contains("--confounded with --contracts"), e.getMessage());
    assertEquals(2, e.exitCode().code());
  }
}
