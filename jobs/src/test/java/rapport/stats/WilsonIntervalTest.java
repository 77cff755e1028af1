package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Wilson intervals against statsmodels' proportion_confint(method="wilson"). */
class WilsonIntervalTest {

  @Test
  void matchesStatsmodels() {
    // stats_reference.txt, to 1e-12
    double[][] cases = {
      {0, 10, 0.0, 0.27753279986288926},
      {3, 10, 0.10779126740630104, 0.6032218525388546},
      {10, 10, 0.7224672001371106, 1.0},
      {81, 263, 0.2552885198782742, 0.36620957698280004},
      {1, 2000, 8.826773070546765e-05, 0.0028268625032662146}
    };
    for (double[] c : cases) {
      WilsonInterval w = WilsonInterval.of(c[0], c[1]);
      assertEquals(c[2], w.lower(), 1e-12, c[0] + "/" + c[1]);
      assertEquals(c[3], w.upper(), 1e-12, c[0] + "/" + c[1]);
      assertEquals(c[0] / c[1], w.estimate(), 0.0);
    }
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(5, 4));
    assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0, 0));
  }
}
