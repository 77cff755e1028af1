package rapport.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import rapport.generate.purchase.DropoutClock;
import rapport.generate.purchase.Effects;
import rapport.generate.purchase.Rng;

/** The dropout clock inverts the cumulative hazard exactly, touch effects included. */
class DropoutClockTest {
  private static final long DAY = 86_400;
  private static final long END = 100_000 * DAY;

  /** Mean time to dropout under a constant hazard h is 1/h; n draws give a 3% standard error. */
  private static double meanDays(double perDay, long[] personal, long[] automated, Effects e) {
    int n = 1_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum +=
          DropoutClock.dropout(0, END, perDay, personal, automated, e, Rng.of(1, "test", i))
              / (double) DAY;
    }
    return sum / n;
  }

  @Test
  void withoutTouchesTheHazardIsTheBaseline() {
    assertEquals(100, meanDays(0.01, new long[0], new long[0], Effects.DEFAULT), 10);
  }

  /**
   * A personal touch every 30 days keeps three in the 90-day window (after the first 60 days), so
   * the hazard is h0·0.6³; with h0 small the time is dominated by that regime.
   */
  @Test
  void eachPersonalTouchInTheWindowMultipliesTheHazard() {
    long[] monthly = new long[4_000];
    for (int i = 0; i < monthly.length; i++) {
      monthly[i] = (i * 30L - 89) * DAY;
    }
    double h0 = 0.002;
    double expected = 1 / (h0 * Math.pow(0.6, 3));
    assertEquals(expected, meanDays(h0, monthly, new long[0], Effects.DEFAULT), 0.1 * expected);
  }

  /** Automated touches beyond the fatigue threshold raise the hazard by the fatigue ratio each. */
  @Test
  void automatedTouchesHurtOnlyPastTheFatigueThreshold() {
    long[] weekly = new long[20_000];
    for (int i = 0; i < weekly.length; i++) {
      weekly[i] = (i * 5L - 95) * DAY; // one every 5 days: 18 in any 90-day window
    }
    Effects e = Effects.DEFAULT;
    double h0 = 0.002;
    double expected = 1 / (h0 * Math.pow(e.fatigueHazardRatio(), 18 - e.fatigueThreshold()));
    assertEquals(expected, meanDays(h0, new long[0], weekly, e), 0.1 * expected);
  }
}
