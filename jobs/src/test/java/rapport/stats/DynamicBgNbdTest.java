package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The BG/NBD with dropout covariates: it is the BG/NBD when the covariates are left out (CDNOW's
 * published fit), and it recovers a hazard ratio planted in data drawn from the model.
 */
class DynamicBgNbdTest {

  @Test
  void withoutCovariatesItIsTheBgNbdOnCdnow() {
    List<DynamicBgNbd.Customer> customers = new ArrayList<>();
    for (Rfm.Customer c : CdnowData.customers()) {
      customers.add(new DynamicBgNbd.Customer(c.recency(), c.age(), new double[c.frequency()][0]));
    }
    // the likelihood at the published BG/NBD optimum is the BG/NBD's, to rounding
    double ll =
        DynamicBgNbd.logLikelihood(
            customers, 0.2425982, 4.413684, 0.7929899, 2.426167, new double[0]);
    assertEquals(
        BgNbd.logLikelihood(
            BgNbd.Data.of(CdnowData.customers()), 0.2425982, 4.413684, 0.7929899, 2.426167),
        ll,
        1e-6);
    DynamicBgNbd.Fit fit = DynamicBgNbd.fit("CDNOW", customers, List.of());
    // BTYD walkthrough: 0.2425982, 4.413684, 0.7929899, 2.426167, LL −9582.429; 5e-4 relative
    double[] expected = {0.2425982, 4.413684, 0.7929899, 2.426167};
    for (int k = 0; k < 4; k++) {
      assertEquals(expected[k], fit.params()[k], expected[k] * 5e-4);
    }
    assertEquals(-9582.429, fit.logLikelihood(), 1e-3);
    assertTrue(fit.status().usable(), fit.status().describe());
  }

  @Test
  void covariatesEqualToZeroLeaveTheLikelihoodOfTheBgNbd() {
    List<DynamicBgNbd.Customer> plain = new ArrayList<>();
    List<DynamicBgNbd.Customer> zeros = new ArrayList<>();
    for (Rfm.Customer c : CdnowData.customers().subList(0, 300)) {
      plain.add(new DynamicBgNbd.Customer(c.recency(), c.age(), new double[c.frequency()][0]));
      zeros.add(new DynamicBgNbd.Customer(c.recency(), c.age(), new double[c.frequency()][2]));
    }
    assertEquals(
        DynamicBgNbd.logLikelihood(plain, 0.3, 5, 0.8, 2.5, new double[0]),
        DynamicBgNbd.logLikelihood(zeros, 0.3, 5, 0.8, 2.5, new double[] {-0.7, 0.4}),
        1e-9);
  }

  /**
   * 4,000 customers drawn from the model (r 0.6, α 3, a 1, b 5 in weeks, observed 30 to 120 weeks)
   * with two covariates read at each repeat purchase: touches ~ Poisson(ρ_i), ρ_i ~ Gamma(1, 1.5)
   * per customer, planted at hazard ratio 0.6; and a covariate with no effect (hazard ratio 1).
   * Tolerance: the 95% intervals cover the planted values, and the touch HR is within 0.1 of 0.6
   * (its standard error is about 0.03 here).
   */
  @Test
  void recoversAPlantedDropoutHazardRatio() {
    List<DynamicBgNbd.Customer> customers = simulate(4000, Math.log(0.6), 7);
    DynamicBgNbd.Fit fit = DynamicBgNbd.fit("simulated", customers, List.of("touches", "noise"));
    assertTrue(fit.status().usable(), fit.status().describe());
    Estimate touches = fit.estimates().get(0);
    Estimate noise = fit.estimates().get(1);
    assertEquals(0.6, touches.ratio(), 0.1);
    assertTrue(touches.ratioLower95() <= 0.6 && touches.ratioUpper95() >= 0.6, touches.toString());
    assertTrue(noise.ratioLower95() <= 1 && noise.ratioUpper95() >= 1, noise.toString());
    assertTrue(fit.likelihoodRatioP() < 1e-6, "LR p " + fit.likelihoodRatioP());
  }

  @Test
  void withNoEffectPlantedTheIntervalHoldsOne() {
    DynamicBgNbd.Fit fit =
        DynamicBgNbd.fit(
            "simulated, no effect", simulate(4000, 0, 11), List.of("touches", "noise"));
    assertTrue(fit.status().usable(), fit.status().describe());
    Estimate touches = fit.estimates().get(0);
    assertTrue(touches.ratioLower95() <= 1 && touches.ratioUpper95() >= 1, touches.toString());
  }

  @Test
  void aCovariateThatNeverVariesIsNotUsable() {
    List<DynamicBgNbd.Customer> customers = new ArrayList<>();
    for (DynamicBgNbd.Customer c : simulate(500, 0, 3)) {
      customers.add(new DynamicBgNbd.Customer(c.recency(), c.age(), new double[c.frequency()][1]));
    }
    DynamicBgNbd.Fit fit = DynamicBgNbd.fit("constant", customers, List.of("always zero"));
    assertFalse(fit.status().usable());
  }

  static List<DynamicBgNbd.Customer> simulate(int n, double gamma, long seed) {
    RandomGenerator rng = new Well19937c(seed);
    GammaDistribution lambda = new GammaDistribution(rng, 0.6, 1 / 3.0);
    BetaDistribution p = new BetaDistribution(rng, 1, 5);
    GammaDistribution rho = new GammaDistribution(rng, 1, 1.5);
    List<DynamicBgNbd.Customer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double l = lambda.sample();
      double pi = p.sample();
      double ri = rho.sample();
      PoissonDistribution touches = new PoissonDistribution(rng, ri, 1e-12, 10_000);
      double age = 30 + 90 * rng.nextDouble();
      double t = 0;
      double last = 0;
      List<double[]> occasions = new ArrayList<>();
      while (true) {
        t += -Math.log(1 - rng.nextDouble()) / l;
        if (t > age) {
          break;
        }
        double z = touches.sample();
        double noise = rng.nextDouble() < 0.5 ? 1 : 0;
        occasions.add(new double[] {z, noise});
        last = t;
        double stay = Math.pow(1 - pi, Math.exp(gamma * z));
        if (rng.nextDouble() >= stay) {
          break;
        }
      }
      out.add(new DynamicBgNbd.Customer(last, age, occasions.toArray(double[][]::new)));
    }
    return out;
  }
}
