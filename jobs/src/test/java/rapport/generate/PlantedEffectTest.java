package rapport.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.generate.purchase.Effects;

/**
 * With contracts, churn is observed as closed_at and the baseline hazard is shared, so the planted
 * effect of personal touches can be read off the inputs: a Poisson model of churn per day at risk
 * with log-rate a + b·(personal touches in the trailing 90 days) has exp(b) = 0.6.
 */
class PlantedEffectTest {
  @TempDir Path dir;

  @Test
  void theHazardRatioOfARecentPersonalTouchIsRecoveredFromTheInputs() {
    Path world = dir.resolve("contracts");
    GenerateOptions base = TestWorlds.options(3000, 0, world);
    new Generator(
            new GenerateOptions(
                base.customers(),
                base.seed(),
                base.asOf(),
                base.zone(),
                0,
                base.partRows(),
                true,
                Effects.DEFAULT,
                world))
        .run();
    Map<String, String> kinds = new HashMap<>();
    TestWorlds.read(world.resolve("truth"), "touch_labels")
        .forEach(r -> kinds.put(r.get("interaction_id"), r.get("touch_kind")));
    Map<String, List<Long>> personal = new HashMap<>();
    Map<String, List<Long>> automated = new HashMap<>();
    for (CSVRecord r : TestWorlds.read(world, "interactions")) {
      long day = OffsetDateTime.parse(r.get("occurred_at")).toLocalDate().toEpochDay();
      String kind = kinds.get(r.get("interaction_id"));
      Map<String, List<Long>> into =
          kind.equals("personal") ? personal : kind.equals("automated") ? automated : null;
      if (into != null) {
        into.computeIfAbsent(r.get("customer_id"), k -> new ArrayList<>()).add(day);
      }
    }
    double[] exposure = new double[40];
    double[] events = new double[40];
    long asOf = base.asOf().toEpochDay();
    int threshold = Effects.DEFAULT.fatigueThreshold();
    for (CSVRecord c : TestWorlds.read(world, "customers")) {
      long since = LocalDate.parse(c.get("customer_since")).toEpochDay();
      boolean churned = !c.get("closed_at").isEmpty();
      long end = churned ? LocalDate.parse(c.get("closed_at")).toEpochDay() : asOf;
      List<Long> p = personal.getOrDefault(c.get("customer_id"), List.of());
      List<Long> a = automated.getOrDefault(c.get("customer_id"), List.of());
      for (long d = since; d <= end && d < asOf; d++) {
        // Touches of the 90 days before day d (the day's own touches count from the next day).
        int np = window(p, d);
        int na = window(a, d);
        if (na > threshold) {
          continue; // fatigue changes the hazard there; keep to the clean regime
        }
        exposure[np]++;
        if (churned && d == end) {
          events[np]++;
        }
      }
    }
    double b = poissonSlope(exposure, events);
    double hr = Math.exp(b);
    assertEquals(
        Effects.DEFAULT.personalHazardRatio(), hr, 0.12, "hazard ratio per personal touch");
  }

  private static int window(List<Long> days, long d) {
    int n = 0;
    for (long t : days) {
      if (t < d && t >= d - 90) {
        n++;
      }
    }
    return n;
  }

  /** Maximum likelihood of events_k ~ Poisson(exposure_k · exp(a + b·k)) by Newton's method. */
  private static double poissonSlope(double[] exposure, double[] events) {
    double a = Math.log(0.3 / 365);
    double b = 0;
    for (int it = 0; it < 50; it++) {
      double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
      for (int k = 0; k < exposure.length; k++) {
        double mu = exposure[k] * Math.exp(a + b * k);
        g0 += events[k] - mu;
        g1 += k * (events[k] - mu);
        h00 += mu;
        h01 += k * mu;
        h11 += k * k * mu;
      }
      double det = h00 * h11 - h01 * h01;
      a += (h11 * g0 - h01 * g1) / det;
      b += (h00 * g1 - h01 * g0) / det;
    }
    return b;
  }
}
