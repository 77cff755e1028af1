package rapport.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A development entry point, not a test: customers drawn from the model without any touch effect (r
 * 0.8, α 4, s 1.5, β 3 weeks, observed 52 to 156 weeks), one exposure at a rate of one per 4.35
 * weeks from the first purchase, either strictly periodic (a monthly send at a phase of her own) or
 * a Poisson process; the tails drawn as a Poisson process at that rate, as {@code
 * rapport.retention.DropoutPaths} draws them. Prints both fits: the periodic exposure with Poisson
 * tails is where the tail assumption breaks.
 */
public final class PeriodicExposureLab {
  private PeriodicExposureLab() {}

  public static void main(String[] args) {
    for (boolean periodic : new boolean[] {true, false}) {
      SplittableRandom rng = new SplittableRandom(11);
      List<ContinuousDropout.Customer> out = new ArrayList<>();
      double window = 13;
      for (int i = 0; i < 3000; i++) {
        double lambda = ContinuousDropout.gammaDraw(rng, 0.8) / 4;
        double theta = ContinuousDropout.gammaDraw(rng, 1.5) / 3;
        double age = 52 + 104 * rng.nextDouble();
        double period = 4.35;
        double rho = 1 / period;
        double[] touches;
        if (periodic) {
          double phase = period * rng.nextDouble();
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
        double[] seen = Arrays.stream(touches).filter(v -> v <= tx).toArray();
        List<ContinuousDropout.Piece> known =
            ContinuousDropout.windowCounts(new double[][] {seen}, 0, tx, window);
        List<List<ContinuousDropout.Piece>> tails = new ArrayList<>();
        for (int q = 0; q < 6; q++) {
          double[] extra = ContinuousDropoutTest.poisson(rng, rho, tx, age);
          double[] path = new double[seen.length + extra.length];
          System.arraycopy(seen, 0, path, 0, seen.length);
          System.arraycopy(extra, 0, path, seen.length, extra.length);
          Arrays.sort(path);
          tails.add(ContinuousDropout.windowCounts(new double[][] {path}, tx, age, window));
        }
        out.add(new ContinuousDropout.Customer(x, tx, age, new double[0], known, tails));
      }
      ContinuousDropout.Fit fit =
          ContinuousDropout.fit("p" + periodic, out, List.of("touches"), List.of());
      System.out.println("periodic exposure: " + periodic + "\n" + fit.summaryText());
    }
  }
}
