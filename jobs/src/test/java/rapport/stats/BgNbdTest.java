package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD and Gamma-Gamma on the CDNOW sample against the published fits (../shared/datasets
 * /SOURCES.md) and an independent scipy implementation (src/test/resources/reference
 * /btyd_reference.py and its output).
 */
class BgNbdTest {

  @Test
  void cdnowSummaryIsTheLiteraturesOne() {
    List<Rfm.Customer> customers = CdnowData.customers();
    assertEquals(2357, customers.size());
    Rfm.Customer first = customers.get(0);
    // lifetimes' cdnow_customers_summary.csv, customer 1: frequency 2, recency 30.43, T 38.86
    assertEquals(2, first.frequency());
    assertEquals(30.43, first.recency(), 0.005);
    assertEquals(38.86, first.age(), 0.005);
  }

  @Test
  void cdnowBgNbdReproducesThePublishedFit() {
    BgNbdFit fit = BgNbd.fit("CDNOW_sample.txt to 1997-09-30, weeks", CdnowData.customers());
    // BTYD walkthrough: 0.2425982, 4.413684, 0.7929899, 2.426167, LL −9582.429.
    // Tolerance 5e-4 relative on the parameters (BTYD's own optimiser stops near there), 1e-3
    // absolute on the log-likelihood.
    assertEquals(0.2425982, fit.r(), 0.2425982 * 5e-4);
    assertEquals(4.413684, fit.alpha(), 4.413684 * 5e-4);
    assertEquals(0.7929899, fit.a(), 0.7929899 * 5e-4);
    assertEquals(2.426167, fit.b(), 2.426167 * 5e-4);
    assertEquals(-9582.429, fit.logLikelihood(), 1e-3);
    // published to three decimals (FHL 2005)
    assertEquals(0.243, fit.r(), 5e-4);
    assertEquals(4.414, fit.alpha(), 5e-4);
    assertEquals(0.793, fit.a(), 5e-4);
    assertEquals(2.426, fit.b(), 5e-4);
    assertEquals(-9582.4, fit.logLikelihood(), 0.05);
    assertTrue(fit.converged());
    assertEquals(2357, fit.customers());
  }

  @Test
  void cdnowIsUsableUnpenalisedSoTheGuardedFitIsThePlainOne() {
    BgNbd.Data data = BgNbd.Data.of(CdnowData.customers());
    BgNbdFit guarded = BgNbd.fitGuarded("CDNOW", data, BgNbd.DEFAULT_PENALIZER);
    assertTrue(guarded.status().usable(), guarded.status()::describe);
    assertEquals(0, guarded.penalizerCoef());
    assertEquals(0.2425982, guarded.r(), 0.2425982 * 5e-4);
    assertEquals(2.426167, guarded.b(), 2.426167 * 5e-4);
  }

  @Test
  void cdnowPenalisedMovesTheShapesByLessThanAStandardError() {
    BgNbdFit plain = BgNbd.fit("CDNOW", BgNbd.Data.of(CdnowData.customers()));
    BgNbdFit fit =
        BgNbd.fit(
            "CDNOW_sample.txt to 1997-09-30, weeks, penalised",
            BgNbd.Data.of(CdnowData.customers()),
            BgNbd.DEFAULT_PENALIZER);
    // docs/retention.md quotes it: r 0.2467, alpha 4.497, a 0.703, b 2.051, LL -9582.67
    assertEquals(0.2467, fit.r(), 5e-4);
    assertEquals(4.497, fit.alpha(), 5e-3);
    assertEquals(0.703, fit.a(), 5e-3);
    assertEquals(2.051, fit.b(), 5e-3);
    double[] se = plain.stdErrors();
    assertEquals(plain.r(), fit.r(), se[0]);
    assertEquals(plain.alpha(), fit.alpha(), se[1]);
    assertEquals(plain.a(), fit.a(), se[2]);
    assertEquals(plain.b(), fit.b(), se[3]);
    assertTrue(fit.logLikelihood() < plain.logLikelihood());
    assertTrue(fit.status().usable(), fit.status()::describe);
  }

  @Test
  void cdnowGammaGammaReproducesThePublishedFit() {
    GammaGamma.Fit fit =
        GammaGamma.fit("CDNOW_sample.txt repeat buyers to 1997-09-30", CdnowData.customers());
    // Fader & Hardie 2013: 946 repeat buyers, p 6.25, q 3.74, gamma 15.44, LL −4055.92
    assertEquals(946, fit.customers());
    assertEquals(6.25, fit.p(), 0.005);
    assertEquals(3.74, fit.q(), 0.005);
    assertEquals(15.44, fit.gamma(), 0.005);
    assertEquals(-4055.92, fit.logLikelihood(), 0.005);
  }

  @Test
  void predictionsAtBtydParametersAreScipys() {
    // stats_reference.txt: the FHL 2005 formulas with scipy.special.hyp2f1, to 1e-10 relative
    BgNbdFit fit = BgNbdFit.of(0.2425982, 4.413684, 0.7929899, 2.426167);
    assertEquals(1.0, fit.probabilityAlive(0, 0, 38.86), 0.0);
    assertEquals(0.7266072910481575, fit.probabilityAlive(2, 30.43, 38.86), 1e-12);
    assertEquals(0.21223674385329994, fit.probabilityAlive(1, 1.71, 38.86), 1e-12);
    assertEquals(0.19478479679742114, fit.conditionalExpectedPurchases(39, 0, 0, 38.86), 1e-10);
    assertEquals(1.2258972391525167, fit.conditionalExpectedPurchases(39, 2, 30.43, 38.86), 1e-10);
    assertEquals(1.5585633921194322, fit.conditionalExpectedPurchases(52, 2, 30.43, 38.86), 1e-10);
    // FHL 2005 §5: the customer with x = 26, t_x = 30.86, T = 31 is expected to buy 25.76 in a year
    assertEquals(25.75824161419648, fit.conditionalExpectedPurchases(52, 26, 30.86, 31), 1e-9);
    assertEquals(4.5560654642597305, fit.conditionalExpectedPurchases(39, 7, 35, 38), 1e-10);
    assertEquals(1.1950061448677567, fit.expectedPurchases(39), 1e-10);
    assertEquals(1.8579420129518023, fit.expectedPurchases(78), 1e-10);
  }

  @Test
  void logLikelihoodStaysFiniteForLongSilencesAfterManyPurchases() {
    // a = 1e-3 and b + x − 1 large make e^z underflow; a huge T/t_x ratio makes it overflow
    BgNbd.Data data =
        new BgNbd.Data(
            new int[] {500, 3, 0},
            new double[] {0.5, 1e-6, 0},
            new double[] {1e6, 1e6, 5},
            new double[] {1, 1, 1});
    double ll = BgNbd.logLikelihood(data, 5, 0.01, 1e-3, 1e3);
    assertTrue(Double.isFinite(ll), "ll = " + ll);
    BgNbdFit fit = BgNbdFit.of(5, 0.01, 1e-3, 1e3);
    double alive = fit.probabilityAlive(500, 0.5, 1e6);
    assertTrue(alive >= 0 && alive < 1e-100, "P(alive) = " + alive);
  }

  @Test
  void compressionCountsCustomersSharingATriple() {
    BgNbd.Data data =
        BgNbd.Data.compress(
            new int[] {0, 0, 2, 2, 2}, new double[] {0, 0, 3, 3, 4}, new double[] {9, 9, 9, 9, 9});
    assertEquals(3, data.distinct());
    assertEquals(5, data.customers(), 0.0);
    double compressed = BgNbd.logLikelihood(data, 0.5, 3, 0.8, 2.5);
    double expanded =
        BgNbd.logLikelihood(
            new BgNbd.Data(
                new int[] {0, 0, 2, 2, 2},
                new double[] {0, 0, 3, 3, 4},
                new double[] {9, 9, 9, 9, 9},
                new double[] {1, 1, 1, 1, 1}),
            0.5,
            3,
            0.8,
            2.5);
    assertEquals(expanded, compressed, 1e-12);
  }

  @Test
  void gammaGammaExpectedValueIsFaderHardiesFormula() {
    GammaGamma.Fit fit =
        new GammaGamma.Fit(
            "given", 6.25, 3.74, 15.44, new double[3], Double.NaN, 0, true, 0, FitStatus.USABLE);
    // stats_reference.txt, exact arithmetic
    assertEquals(24.638487208008897, fit.conditionalExpectedAverageValue(1, 20.0), 1e-12);
    assertEquals(35.449475065616795, fit.conditionalExpectedAverageValue(2, 35.5), 1e-12);
    assertEquals(15.84917228694053, fit.conditionalExpectedAverageValue(10, 15.0), 1e-12);
  }
}
