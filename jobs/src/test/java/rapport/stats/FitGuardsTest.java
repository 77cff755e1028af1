package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fitters' own guards on inputs built to break them: constant and aliased covariates are
 * dropped by name, separation and degenerate optima are flagged, never silently returned as usable.
 */
class FitGuardsTest {
  /** 200 rows: x1 informative, y noisy (no separation); poison: a constant column. */
  private static double[][] data(double[] y) {
    int n = y.length;
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    double[] constant = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = (i % 17) / 4.0;
      x2[i] = ((i * 7) % 11) / 3.0;
      constant[i] = 3.0;
      y[i] = ((i * 31) % 7 < 2 + x1[i] / 2) ? 1 : 0;
    }
    return new double[][] {x1, x2, constant};
  }

  @Test
  void logisticDropsConstantAndAliasedCovariatesByNameAndFitsTheRest() {
    double[] y = new double[200];
    double[][] x = data(y);
    double[] aliased = new double[200];
    for (int i = 0; i < 200; i++) {
      aliased[i] = 2 * x[0][i] - x[1][i] + 1;
    }
    LogisticRegression.Fit guarded =
        LogisticRegression.fit(
            "guarded",
            List.of("x1", "x2", "constant", "aliased"),
            new double[][] {x[0], x[1], x[2], aliased},
            y,
            null);
    LogisticRegression.Fit plain =
        LogisticRegression.fit("plain", List.of("x1", "x2"), new double[][] {x[0], x[1]}, y, null);
    assertEquals(List.of("x1", "x2"), guarded.terms());
    assertEquals(
        List.of("constant (constant)", "aliased (aliased: a linear combination of x1, x2)"),
        guarded.dropped());
    assertEquals(plain.estimate("x1").estimate(), guarded.estimate("x1").estimate(), 1e-12);
    assertTrue(guarded.status().usable(), guarded.status()::describe);
    assertTrue(guarded.summaryText().contains("dropped = constant (constant)"));
    assertEquals(
        plain.predict(1.0, 2.0),
        guarded.predict(List.of("x1", "x2", "constant", "aliased"), new double[] {1, 2, 3, 1}),
        1e-12);
  }

  @Test
  void logisticUnderPerfectSeparationIsNeverUsable() {
    int n = 120;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = i >= 60 ? 1 : 0;
    }
    boolean usable;
    try {
      usable =
          LogisticRegression.fit("separated", List.of("x"), new double[][] {x}, y, null)
              .status()
              .usable();
    } catch (IllegalStateException singular) {
      usable = false;
    }
    assertFalse(usable);
    LogisticRegression.Fit fit =
        LogisticRegression.fit("separated", List.of("x"), new double[][] {x}, y, null);
    assertTrue(fit.status().describe().contains("separation"), fit.status()::describe);
  }

  @Test
  void coxDropsAConstantCovariateAndFitsTheSameAsWithoutIt() {
    int n = 80;
    double[] time = new double[n];
    boolean[] event = new boolean[n];
    double[] x = new double[n];
    double[] zero = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 5;
      time[i] = 1 + (i * 13) % 29 + x[i];
      event[i] = i % 3 != 0;
    }
    CoxFit guarded =
        CoxPH.fit(
            "guarded",
            SurvivalData.rightCensored(
                List.of("x", "touches"), time, event, new double[][] {x, zero}));
    CoxFit plain =
        CoxPH.fit(
            "plain", SurvivalData.rightCensored(List.of("x"), time, event, new double[][] {x}));
    assertEquals(List.of("x"), guarded.names());
    assertEquals(List.of("touches (constant)"), guarded.dropped());
    assertEquals(plain.coefficients()[0], guarded.coefficients()[0], 1e-12);
    assertTrue(guarded.status().usable(), guarded.status()::describe);
    assertTrue(guarded.summaryText().contains("dropped = touches (constant)"));
  }

  @Test
  void bgNbdWithoutRepeatBuyersIsNotUsableAndSaysWhy() {
    int[] x = {0, 0, 0};
    double[] tx = {0, 0, 0};
    double[] t = {10, 20, 30};
    double[] c = {50, 40, 30};
    BgNbdFit fit = BgNbd.fitGuarded("no repeat buyer", new BgNbd.Data(x, tx, t, c), 1e-3);
    // without a repeat purchase the data say nothing about dropout: a and b are not identified
    FitStatus status = fit.status();
    assertTrue(fit.penalizerCoef() > 0 || !status.usable(), status::describe);
    for (double v : new double[] {fit.r(), fit.alpha(), fit.a(), fit.b()}) {
      assertTrue(Double.isFinite(v));
    }
  }

  @Test
  void expectedPurchasesBeyondWhatTheHorizonHoldsRejectTheFit() {
    // r/alpha = 1000 purchases a week and almost no dropout (b large): more purchase days than a
    // 30-day horizon holds (the telco run's 100.6-102.2 in 30 days)
    BgNbdFit fit = BgNbdFit.of(1000, 1, 2, 10_000);
    BgNbd.Data data =
        new BgNbd.Data(new int[] {5}, new double[] {5}, new double[] {5}, new double[] {1});
    FitStatus status = fit.predictionStatus(data, 30 / 7.0, 30);
    assertFalse(status.usable());
    assertTrue(status.describe().contains("more than the 30 purchase days"), status::describe);
    assertTrue(BgNbdFit.of(0.24, 4.4, 0.79, 2.4).predictionStatus(data, 30 / 7.0, 30).usable());
  }
}
