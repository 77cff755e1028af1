package rapport.stats.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import rapport.stats.BgNbd;
import rapport.stats.BgNbdFit;
import rapport.stats.CoxFit;
import rapport.stats.CoxPH;
import rapport.stats.SurvivalData;

/**
 * Fit times and memory at scale (a benchmark, not a test): BG/NBD on 1M simulated customers
 * observed in whole days, and Cox (Efron) on 1M simulated subjects with a time-varying touch count
 * in several million (start, stop] rows. Run with:
 *
 * <pre>
 *   java -Xmx4g -cp jobs/target/classes:jobs/target/test-classes:$(deps) \
 *       rapport.stats.bench.StatsBenchmark [customers] [subjects]
 * </pre>
 */
public final class StatsBenchmark {
  private StatsBenchmark() {}

  public static void main(String[] args) {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int subjects = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    bgnbd(customers);
    cox(subjects);
  }

  /**
   * BG/NBD world with r 0.25, α 4, a 0.8, b 2.4 (weekly rates), acquisition in the first 12 weeks,
   * calibration to day 364; times are whole days, converted to weeks.
   */
  static void bgnbd(int n) {
    RandomGenerator rng = new Well19937c(2024);
    GammaDistribution lambdaDist = new GammaDistribution(rng, 0.25, 1 / 4.0);
    BetaDistribution pDist = new BetaDistribution(rng, 0.8, 2.4);
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      double lambda = lambdaDist.sample();
      double p = pDist.sample();
      int firstDay = rng.nextInt(84);
      double ageWeeks = (364 - firstDay) / 7.0;
      double clock = 0;
      int purchases = 0;
      double last = 0;
      while (true) {
        if (purchases > 0 && rng.nextDouble() < p) {
          break; // dropped out after the last purchase
        }
        clock += -Math.log(rng.nextDouble()) / lambda;
        if (clock > ageWeeks) {
          break;
        }
        purchases++;
        last = clock;
      }
      int lastDay = (int) Math.floor(last * 7);
      x[i] = purchases;
      tx[i] = purchases == 0 ? 0 : lastDay / 7.0;
      t[i] = ageWeeks;
    }
    System.gc();
    long before = used();
    long start = System.nanoTime();
    BgNbd.Data data = BgNbd.Data.compress(x, tx, t);
    long compressed = System.nanoTime();
    BgNbdFit fit = BgNbd.fit("simulated, " + n + " customers", data);
    long end = System.nanoTime();
    System.out.print(fit.summaryText());
    System.out.printf(
        Locale.ROOT,
        "BG/NBD: %,d customers -> %,d distinct (x, t_x, T); compress %.2f s, fit %.2f s;"
            + " heap in use after fit %,d MB (before %,d MB)%n%n",
        n,
        data.distinct(),
        (compressed - start) / 1e9,
        (end - compressed) / 1e9,
        used() >> 20,
        before >> 20);
  }

  /**
   * Cox world: baseline hazard 0.002/day, β = (is_premium 0.3, spend_z −0.2, personal_touches_90d
   * log 0.6), follow-up 365 days split at 2–6 random days where the touch count changes; events at
   * whole days, so there are many ties.
   */
  static void cox(int n) {
    RandomGenerator rng = new Well19937c(7);
    double[] beta = {0.3, -0.2, Math.log(0.6)};
    List<double[]> rows = new ArrayList<>();
    int est = n * 4;
    double[] start = new double[est];
    double[] stop = new double[est];
    boolean[] event = new boolean[est];
    double[] cov = new double[est * 3];
    int m = 0;
    for (int i = 0; i < n; i++) {
      double premium = rng.nextDouble() < 0.3 ? 1 : 0;
      double spend = rng.nextGaussian();
      int pieces = 2 + rng.nextInt(5);
      double[] cuts = new double[pieces + 1];
      for (int k = 1; k < pieces; k++) {
        cuts[k] = 1 + rng.nextInt(364);
      }
      cuts[pieces] = 365;
      java.util.Arrays.sort(cuts);
      for (int k = 0; k < pieces; k++) {
        double a = cuts[k];
        double b = cuts[k + 1];
        if (!(a < b)) {
          continue;
        }
        double touches = rng.nextInt(4);
        double rate = 0.002 * Math.exp(beta[0] * premium + beta[1] * spend + beta[2] * touches);
        double when = a + -Math.log(rng.nextDouble()) / rate;
        boolean dies = when <= b;
        double end = dies ? Math.min(b, Math.max(a + 1, Math.ceil(when))) : b;
        if (m == start.length) {
          start = java.util.Arrays.copyOf(start, m * 2);
          stop = java.util.Arrays.copyOf(stop, m * 2);
          event = java.util.Arrays.copyOf(event, m * 2);
          cov = java.util.Arrays.copyOf(cov, m * 6);
        }
        start[m] = a;
        stop[m] = end;
        event[m] = dies;
        cov[m * 3] = premium;
        cov[m * 3 + 1] = spend;
        cov[m * 3 + 2] = touches;
        m++;
        if (dies) {
          break;
        }
      }
    }
    rows.clear();
    SurvivalData data =
        SurvivalData.ofRowMajor(
            List.of("is_premium", "spend_z", "personal_touches_90d"),
            java.util.Arrays.copyOf(start, m),
            java.util.Arrays.copyOf(stop, m),
            java.util.Arrays.copyOf(event, m),
            null,
            java.util.Arrays.copyOf(cov, m * 3));
    start = null;
    stop = null;
    event = null;
    cov = null;
    System.gc();
    long before = used();
    long t0 = System.nanoTime();
    CoxFit fit = CoxPH.fit("simulated, " + n + " subjects", data, CoxPH.Ties.EFRON);
    long t1 = System.nanoTime();
    System.out.print(fit.summaryText());
    System.out.printf(
        Locale.ROOT,
        "Cox (Efron): %,d subjects, %,d (start, stop] rows, %,.0f events; fit %.2f s in %d Newton"
            + " steps (incl. sort and concordance); heap in use after fit %,d MB (data alone %,d"
            + " MB); peak heap %,d MB; planted HR of personal_touches_90d 0.6%n",
        n,
        m,
        fit.events(),
        (t1 - t0) / 1e9,
        fit.iterations(),
        used() >> 20,
        before >> 20,
        peak() >> 20);
  }

  private static long used() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long peak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
