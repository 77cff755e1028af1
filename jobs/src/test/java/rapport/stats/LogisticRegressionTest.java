package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import rapport.cli.StatsInput;
import tech.tablesaw.api.Table;

/**
 * Logistic regression and model-quality helpers against statsmodels/scipy
 * (src/test/resources/reference/stats_reference.py and .txt).
 */
class LogisticRegressionTest {
  private static final List<String> COLS =
      List.of("fin", "age", "race", "wexp", "mar", "paro", "prio");

  private record Rossi(double[][] x, double[] y) {}

  private static Rossi rossi() {
    StatsInput in = ReferenceData.csv(ReferenceData.shared("survival/rossi.csv"));
    double[][] x = new double[COLS.size()][];
    for (int k = 0; k < x.length; k++) {
      x[k] = ReferenceData.column(in, COLS.get(k));
    }
    return new Rossi(x, ReferenceData.column(in, "arrest"));
  }

  @Test
  void rossiArrestIsStatsmodels() {
    Rossi d = rossi();
    LogisticRegression.Fit fit =
        LogisticRegression.fit("rossi.csv: arrest", COLS, d.x(), d.y(), null);
    double[] params = {
      0.342888778639, -0.437282825932, -0.067421630687, 0.353856100826,
      -0.152364128624, -0.490152135757, -0.088145967749, 0.101362559827
    };
    double[] bse = {
      0.680247314564, 0.228533622928, 0.02437614225, 0.364278249564,
      0.250777751239, 0.422569161057, 0.236197347298, 0.038143566184
    };
    double[] lower = {
      -0.990371458486, -0.885200496127, -0.115197991579, -0.360116148671,
      -0.643879489176, -1.318372472406, -0.551084261697, 0.026602543864
    };
    double[] p = {
      0.614215787798, 0.055693174748, 0.005676837549, 0.331354308618,
      0.543475109469, 0.246075872717, 0.709008677634, 0.007874688531
    };
    for (int k = 0; k < params.length; k++) {
      Estimate e = fit.estimates().get(k);
      // statsmodels Logit(tol=1e-12): coefficients and SEs to 1e-8, intervals and p to 1e-8
      assertEquals(params[k], e.estimate(), 1e-8, e.term());
      assertEquals(bse[k], e.stdError(), 1e-8, e.term());
      assertEquals(lower[k], e.lower95(), 1e-8, e.term());
      assertEquals(p[k], e.p(), 1e-8, e.term());
    }
    assertEquals(-233.68451746012155, fit.logLikelihood(), 1e-9);
    // statsmodels fits the null model iteratively (to ~1e-8); ours is the closed form n·H(ȳ)
    assertEquals(-249.30089130081603, fit.nullLogLikelihood(), 1e-6);

    double[] predicted = fit.predict(d.x());
    // scipy rankdata midranks; numpy mean of squares; stable argsort deciles: to 1e-12
    assertEquals(0.6611359373275957, ModelQuality.auc(predicted, d.y()), 1e-12);
    assertEquals(0.1804657518304183, ModelQuality.brier(predicted, d.y()), 1e-12);
    Table calibration = ModelQuality.calibration(predicted, d.y(), 10);
    assertEquals(44, calibration.intColumn("n").get(0));
    assertEquals(43, calibration.intColumn("n").get(9));
    assertEquals(0.08698245958689053, calibration.doubleColumn("mean_predicted").get(0), 1e-12);
    assertEquals(0.06818181818181818, calibration.doubleColumn("observed").get(0), 1e-12);
    assertEquals(0.4995549045016199, calibration.doubleColumn("mean_predicted").get(9), 1e-12);
    assertEquals(0.5348837209302325, calibration.doubleColumn("observed").get(9), 1e-12);
    assertEquals(2.026927784577723, ModelQuality.topDecileLift(predicted, d.y()), 1e-12);
  }

  @Test
  void aucCountsTiedScoresAsOneHalf() {
    double[] s = {0.1, 0.4, 0.4, 0.4, 0.8, 0.8, 0.2};
    double[] y = {0, 1, 0, 1, 1, 0, 0};
    // scipy: 0.7083333333333334 (= 8.5 / 12)
    assertEquals(0.7083333333333334, ModelQuality.auc(s, y), 1e-15);
  }

  @Test
  void weightsAreCountsOfIdenticalRows() {
    double[] x = {0, 0, 1, 1, 2, 2, 3};
    double[] y = {0, 1, 0, 1, 1, 0, 1};
    double[] w = {3, 1, 2, 2, 1, 1, 2};
    double[] xe = new double[12];
    double[] ye = new double[12];
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < w[i]; c++) {
        xe[j] = x[i];
        ye[j++] = y[i];
      }
    }
    LogisticRegression.Fit a =
        LogisticRegression.fit("weighted", List.of("x"), new double[][] {x}, y, w);
    LogisticRegression.Fit b =
        LogisticRegression.fit("expanded", List.of("x"), new double[][] {xe}, ye, null);
    assertEquals(b.estimate("x").estimate(), a.estimate("x").estimate(), 1e-10);
    assertEquals(b.estimate("x").stdError(), a.estimate("x").stdError(), 1e-10);
    assertEquals(b.logLikelihood(), a.logLikelihood(), 1e-10);
  }

  @Test
  void rejectsOutcomesThatAreNotZeroOrOne() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            LogisticRegression.fit(
                "bad", List.of("x"), new double[][] {{1, 2}}, new double[] {0, 2}, null));
  }
}
