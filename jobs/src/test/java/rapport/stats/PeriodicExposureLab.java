package rapport.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A development entry point, not a test: customers drawn from the model without any touch effect (r
 * 0.8, α 4, s 1.5, β 3 weeks, observed 52 to 156 weeks), one exposure at a rate of one per 4.35
 * weeks from the first purchase, either strictly periodic (a monthly send at a phase of her own) or
 * a Poisson process, or periodic on a calendar shared by all (a newsletter: the same send days for
 * everyone, her first purchase 0 to 104 weeks into it); the tails either drawn as a Poisson process
 * at that rate, or replayed from donors in blocks of 4 weeks, as {@code
 * rapport.retention.DropoutPaths} builds the outreach tail (a donor known alive over the whole
 * calendar block; a Poisson draw where there is none). Prints the six fits: the periodic exposure
 * with Poisson tails is where the tail assumption breaks.
 */
public final class PeriodicExposureLab {
  private PeriodicExposureLab() {}

  /** One customer; {@code start} her first purchase on the calendar shared by all (weeks). */
  private record Drawn(int x, double tx, double age, double start, double[] touches) {}

  private enum Exposure {
    OWN_PHASE,
    CALENDAR,
    POISSON
  }

  public static void main(String[] args) {
    // arguments: the exposures to fit (OWN_PHASE, CALENDAR, POISSON); all without
    List<Exposure> exposures =
        args.length == 0
            ? List.of(Exposure.values())
            : Arrays.stream(args).map(Exposure::valueOf).toList();
    for (Exposure periodic : exposures) {
      SplittableRandom rng = new SplittableRandom(11);
      double rho = 1 / 4.35;
      List<Drawn> drawn = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        drawn.add(draw(rng, periodic, rho));
      }
      for (boolean donor : new boolean[] {false, true}) {
        SplittableRandom tailRng = new SplittableRandom(13);
        long[] fallback = new long[2];
        List<ContinuousDropout.Customer> out = new ArrayList<>();
        for (Drawn d : drawn) {
          out.add(customer(d, drawn, donor, rho, tailRng, fallback));
        }
        ContinuousDropout.Fit fit =
            ContinuousDropout.fit("p" + periodic, out, List.of("touches"), List.of());
        System.out.printf(
            "periodic exposure: %s, tail: %s (blocks without a donor %d of %d)%n%s%n",
            periodic,
            donor ? "donor blocks" : "Poisson",
            fallback[1],
            fallback[0],
            fit.summaryText());
      }
    }
  }

  private static Drawn draw(SplittableRandom rng, Exposure periodic, double rho) {
    double lambda = ContinuousDropout.gammaDraw(rng, 0.8) / 4;
    double theta = ContinuousDropout.gammaDraw(rng, 1.5) / 3;
    double age = 52 + 104 * rng.nextDouble();
    double period = 1 / rho;
    double start = 156 - age;
    double[] touches;
    if (periodic != Exposure.POISSON) {
      double phase =
          periodic == Exposure.OWN_PHASE
              ? period * rng.nextDouble()
              : period - ((start - 0.3) % period + period) % period;
      List<Double> l = new ArrayList<>();
      for (double t = phase; t < age; t += period) {
        l.add(t);
      }
      touches = l.stream().mapToDouble(Double::doubleValue).toArray();
    } else {
      touches = ContinuousDropoutTest.poisson(rng, rho, 0, age);
    }
    double need = -Math.log(1 - rng.nextDouble());
    double tau = need / (lambda * theta);
    double[] buys = ContinuousDropoutTest.poisson(rng, lambda, 0, Math.min(tau, age));
    int x = buys.length;
    double tx = x == 0 ? 0 : buys[x - 1];
    return new Drawn(x, tx, age, start, touches);
  }

  private static ContinuousDropout.Customer customer(
      Drawn d, List<Drawn> all, boolean donor, double rho, SplittableRandom rng, long[] blocks) {
    double window = 13;
    double[] seen = Arrays.stream(d.touches()).filter(v -> v <= d.tx()).toArray();
    List<ContinuousDropout.Piece> known =
        ContinuousDropout.windowCounts(new double[][] {seen}, 0, d.tx(), window);
    List<List<ContinuousDropout.Piece>> tails = new ArrayList<>();
    for (int q = 0; q < 6; q++) {
      List<Double> extra = new ArrayList<>();
      if (donor) {
        for (double bs = d.tx(); bs < d.age(); bs += 4) {
          double be = Math.min(bs + 4, d.age());
          Drawn from = null;
          for (int k = 0; k < 200 && from == null; k++) {
            Drawn c = all.get(rng.nextInt(all.size()));
            from = c.start() <= bs + d.start() && c.start() + c.tx() >= be + d.start() ? c : null;
          }
          blocks[0]++;
          if (from == null) {
            blocks[1]++;
            for (double v : ContinuousDropoutTest.poisson(rng, rho, bs, be)) {
              extra.add(v);
            }
            continue;
          }
          for (double v : from.touches()) {
            double mine = v + from.start() - d.start();
            if (mine >= bs && mine < be) {
              extra.add(mine);
            }
          }
        }
      } else {
        for (double v : ContinuousDropoutTest.poisson(rng, rho, d.tx(), d.age())) {
          extra.add(v);
        }
      }
      double[] path = new double[seen.length + extra.size()];
      System.arraycopy(seen, 0, path, 0, seen.length);
      for (int j = 0; j < extra.size(); j++) {
        path[seen.length + j] = extra.get(j);
      }
      Arrays.sort(path);
      tails.add(ContinuousDropout.windowCounts(new double[][] {path}, d.tx(), d.age(), window));
    }
    return new ContinuousDropout.Customer(d.x(), d.tx(), d.age(), new double[0], known, tails);
  }
}
