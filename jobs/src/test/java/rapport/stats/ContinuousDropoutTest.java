package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The continuous-time dropout model: its likelihood against the scipy reference, its analytic
 * gradient against finite differences, the recovery of a hazard ratio planted in data drawn from
 * the model itself, and a degenerate input that must not give numbers.
 */
class ContinuousDropoutTest {

  /**
   * The pieces of {@code continuous/pieces.csv} at r 0.7, α 4.5, s 1.3, β 2.5, γ (−0.4, 0.2), δ
   * 0.3, by the reference implementation:
   *
   * <pre>
   *   python3 tools/dropout_continuous.py --pieces jobs/src/test/resources/continuous/pieces.csv \
   *     --at 0.7,4.5,1.3,2.5,-0.4,0.2,0.3
   * </pre>
   *
   * printed −80.3904354416065 (and −81.27743200393334 at r 0.5, α 5, s 1, β 3, γ = δ = 0). The
   * reference takes θ's quantiles from scipy, this one from commons-math polished by Newton: 1e-7.
   */
  @Test
  void theLikelihoodIsTheReferenceImplementations() throws IOException {
    List<ContinuousDropout.Customer> customers = fixture();
    assertEquals(
        -80.3904354416065,
        ContinuousDropout.logLikelihood(
            customers, 0.7, 4.5, 1.3, 2.5, new double[] {-0.4, 0.2}, new double[] {0.3}),
        1e-7);
    assertEquals(
        -81.27743200393334,
        ContinuousDropout.logLikelihood(
            customers, 0.5, 5, 1, 3, new double[] {0, 0}, new double[] {0}),
        1e-7);
  }

  @Test
  void theGradientIsTheLikelihoodsSlope() throws IOException {
    List<ContinuousDropout.Customer> customers = fixture();
    double[] at =
        ContinuousDropout.point(0.7, 4.5, 1.3, 2.5, new double[] {-0.4, 0.2}, new double[] {0.3});
    double[] g =
        ContinuousDropout.gradient(
            customers, 0.7, 4.5, 1.3, 2.5, new double[] {-0.4, 0.2}, new double[] {0.3});
    double h = 1e-5;
    for (int k = 0; k < at.length; k++) {
      double[] up = at.clone();
      double[] down = at.clone();
      up[k] += h;
      down[k] -= h;
      double numeric =
          (ContinuousDropout.logLikelihood(customers, 2, 1, up)
                  - ContinuousDropout.logLikelihood(customers, 2, 1, down))
              / (2 * h);
      // the s-entry itself uses a numerical quantile derivative: 1e-5 relative to the slope's size
      assertEquals(numeric, g[k], 1e-5 * (1 + Math.abs(numeric)), "entry " + k);
    }
  }

  /**
   * 1,500 customers drawn from the model with γ = log 0.6 for a touch count in a 13-week window and
   * δ = log 1.5 for a fixed indicator, 4 tail draws from the same touch process: the hazard ratio's
   * interval holds 0.6 and the estimate is within 0.1 of it (γ ignored would give about 1). With
   * the planted effect removed the interval holds 1.
   */
  @Test
  void itRecoversAPlantedHazardRatio() {
    ContinuousDropout.Fit fit =
        ContinuousDropout.fit(
            "planted", simulate(1500, Math.log(0.6), 7), List.of("touches"), List.of("line"));
    assertTrue(fit.status().usable(), fit.status().describe());
    Estimate touch = fit.estimates().get(0);
    assertTrue(touch.ratioLower95() <= 0.6 && 0.6 <= touch.ratioUpper95(), fit.summaryText());
    assertEquals(0.6, touch.ratio(), 0.1, fit.summaryText());
    Estimate line = fit.estimates().get(1);
    assertTrue(line.ratioLower95() <= 1.5 && 1.5 <= line.ratioUpper95(), fit.summaryText());
    assertTrue(fit.likelihoodRatioP() < 1e-3, fit.summaryText());

    ContinuousDropout.Fit none =
        ContinuousDropout.fit("none", simulate(1500, 0, 8), List.of("touches"), List.of("line"));
    assertTrue(none.status().usable(), none.status().describe());
    Estimate t0 = none.estimates().get(0);
    assertTrue(t0.ratioLower95() <= 1 && 1 <= t0.ratioUpper95(), none.summaryText());
  }

  /** A covariate that is 0 everywhere does not identify its ratio: converged = 0, no numbers. */
  @Test
  void aDegenerateInputIsNotUsed() {
    List<ContinuousDropout.Customer> customers = new ArrayList<>();
    for (ContinuousDropout.Customer c : simulate(200, Math.log(0.6), 9)) {
      customers.add(
          new ContinuousDropout.Customer(
              c.repeats(), c.recency(), c.age(), new double[] {0}, c.known(), c.tails()));
    }
    ContinuousDropout.Fit fit =
        ContinuousDropout.fit("no variation", customers, List.of("touches"), List.of("line"));
    assertFalse(fit.status().usable(), fit.summaryText());
  }

  /** The 13-week window (91 days) of the test worlds. */
  private static final double WINDOW = 13;

  /**
   * Customers drawn from the model: r 0.8, α 4, s 1.5, β 3 (weeks), observed for 52 to 156 weeks;
   * personal touches a Poisson process at a rate of her own (Gamma(1, 10) per week, so about one a
   * quarter) from 13 weeks before her first purchase; half the customers have the indicator w = 1,
   * with a touch rate twice as high and δ = log 1.5.
   */
  static List<ContinuousDropout.Customer> simulate(int n, double gamma, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<ContinuousDropout.Customer> out = new ArrayList<>();
    double delta = Math.log(1.5);
    for (int i = 0; i < n; i++) {
      double lambda = ContinuousDropout.gammaDraw(rng, 0.8) / 4;
      double theta = ContinuousDropout.gammaDraw(rng, 1.5) / 3;
      double age = 52 + 104 * rng.nextDouble();
      int line = rng.nextInt(2);
      double rho = ContinuousDropout.gammaDraw(rng, 1) / 10 * (1 + line);
      double[] touches = poisson(rng, rho, -WINDOW, age);
      // dropout: the cumulative hazard λθ·c·∫exp(γz) reaches an Exp(1) draw
      double need = -Math.log(1 - rng.nextDouble());
      double c = Math.exp(delta * line);
      double tau = Double.POSITIVE_INFINITY;
      double cum = 0;
      for (ContinuousDropout.Piece p :
          ContinuousDropout.windowCounts(new double[][] {touches}, 0, age, WINDOW)) {
        double rate = lambda * theta * c * Math.exp(gamma * p.z()[0]);
        double add = rate * (p.end() - p.start());
        if (cum + add >= need) {
          tau = p.start() + (need - cum) / rate;
          break;
        }
        cum += add;
      }
      double[] buys = poisson(rng, lambda, 0, Math.min(tau, age));
      int x = buys.length;
      double tx = x == 0 ? 0 : buys[x - 1];
      double[] seen = Arrays.stream(touches).filter(v -> v <= tx).toArray();
      List<ContinuousDropout.Piece> known =
          ContinuousDropout.windowCounts(new double[][] {seen}, 0, tx, WINDOW);
      List<List<ContinuousDropout.Piece>> tails = new ArrayList<>();
      for (int q = 0; q < 4; q++) {
        double[] extra = poisson(rng, rho, tx, age);
        double[] path = new double[seen.length + extra.length];
        System.arraycopy(seen, 0, path, 0, seen.length);
        System.arraycopy(extra, 0, path, seen.length, extra.length);
        Arrays.sort(path);
        tails.add(ContinuousDropout.windowCounts(new double[][] {path}, tx, age, WINDOW));
      }
      out.add(new ContinuousDropout.Customer(x, tx, age, new double[] {line}, known, tails));
    }
    return out;
  }

  /** The moments of a Poisson process at the rate on (from, to), sorted. */
  static double[] poisson(SplittableRandom rng, double rate, double from, double to) {
    List<Double> out = new ArrayList<>();
    if (rate > 0) {
      double t = from;
      while (true) {
        t += -Math.log(1 - rng.nextDouble()) / rate;
        if (t >= to) {
          break;
        }
        out.add(t);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** continuous/pieces.csv: customer, repeats, recency, age, w1, part, draw, start, end, z1, z2. */
  static List<ContinuousDropout.Customer> fixture() throws IOException {
    Map<String, String[]> first = new LinkedHashMap<>();
    Map<String, List<ContinuousDropout.Piece>> known = new LinkedHashMap<>();
    Map<String, Map<String, List<ContinuousDropout.Piece>>> tails = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                ContinuousDropoutTest.class.getResourceAsStream("/continuous/pieces.csv"),
                StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",");
        first.putIfAbsent(f[0], f);
        ContinuousDropout.Piece p =
            new ContinuousDropout.Piece(
                Double.parseDouble(f[7]),
                Double.parseDouble(f[8]),
                new double[] {Double.parseDouble(f[9]), Double.parseDouble(f[10])});
        if (f[5].equals("known")) {
          known.computeIfAbsent(f[0], k -> new ArrayList<>()).add(p);
        } else {
          tails
              .computeIfAbsent(f[0], k -> new LinkedHashMap<>())
              .computeIfAbsent(f[6], k -> new ArrayList<>())
              .add(p);
        }
      }
    }
    List<ContinuousDropout.Customer> out = new ArrayList<>();
    for (Map.Entry<String, String[]> e : first.entrySet()) {
      String[] f = e.getValue();
      out.add(
          new ContinuousDropout.Customer(
              Integer.parseInt(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              new double[] {Double.parseDouble(f[4])},
              known.getOrDefault(e.getKey(), List.of()),
              new ArrayList<>(tails.get(e.getKey()).values())));
    }
    return out;
  }
}
