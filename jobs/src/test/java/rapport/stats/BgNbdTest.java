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
    System.out.println(fit.summaryText());
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
  void cdnowGammaGammaReproducesThePublishedFit() {
    GammaGamma.Fit fit =
        GammaGamma.fit("CDNOW_sample.txt repeat buyers to 1997-09-30", CdnowData.customers());
    System.out.println(fit.summaryText());
    // Fader & Hardie 2013: 946 repeat buyers, p 6.25, q 3.74, gamma 15.44, LL −4055.92
    assertEquals(946, fit.customers());
    assertEquals(6.25, fit.p(), 0.005);
    assertEquals(3.74, fit.q(), 0.005);
    assertEquals(15.44, fit.gamma(), 0.005);
    assertEquals(-4055.92, fit.logLikelihood(), 0.005);
  }
}
