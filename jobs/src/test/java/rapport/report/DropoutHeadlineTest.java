package rapport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rapport.report.ReportData.ModelTerm;
import rapport.schema.RetentionTables;
import rapport.schema.Scores;

/**
 * Which dropout model the headline quotes: the continuous-time model when its fit is usable, else
 * the BG/NBD with dropout covariates (saying why), else the Cox model; never a lower risk when the
 * interval holds 1.
 */
class DropoutHeadlineTest {
  private static final String P = Scores.PERSONAL_TOUCHES_90D;
  private static final String C = RetentionTables.DROPOUT_CONTINUOUS;
  private static final String D = RetentionTables.DROPOUT_DYNAMIC;

  @Test
  void theContinuousModelIsQuotedWhenUsable() {
    Words w =
        words(
            ratio(C, P, 0.61, 0.55, 0.68),
            value(C, "converged", 1),
            ratio(D, P, 0.70, 0.64, 0.77),
            value(D, "converged", 1));
    String h = w.headlines().get(1);
    assertEquals(
        "Among customers who came through the same channel, each personal touch in the last 90"
            + " days goes with a 39% lower risk of leaving: hazard ratio 0.61 (95% CI 0.55–0.68,"
            + " n = 1,900; continuous-time dropout model, whose risk of leaving follows the touches"
            + " day by day). Observational: an association, not a measured effect; the outreach"
            + " holdout measures that.",
        h);
  }

  @Test
  void anUnusableContinuousFitFallsBackToTheDynamicModelAndSaysSo() {
    Words w =
        words(value(C, "converged", 0), ratio(D, P, 0.70, 0.64, 0.77), value(D, "converged", 1));
    String h = w.headlines().get(1);
    assertTrue(h.contains("hazard ratio 0.70 (95% CI 0.64–0.77"), h);
    assertTrue(h.contains("a BG/NBD whose dropout follows the touches at each purchase"), h);
    assertTrue(h.contains("the continuous-time model's fit was not usable"), h);
  }

  @Test
  void withNeitherDropoutModelTheCoxSentenceStays() {
    Words w = words(value(C, "converged", 0), value(D, "converged", 0));
    assertTrue(w.headlines().get(1).startsWith("Adjusted for recency"), w.headlines().get(1));
  }

  @Test
  void anIntervalHoldingOneClaimsNoLowerRisk() {
    Words w = words(ratio(C, P, 0.97, 0.90, 1.05), value(C, "converged", 1));
    String h = w.headlines().get(1);
    assertTrue(h.contains("no clear change in the risk of leaving"), h);
    assertFalse(h.contains("lower risk"), h);
  }

  private static Words words(ModelTerm... extra) {
    ReportData d = SampleReportData.data();
    List<ModelTerm> model = new ArrayList<>(d.model());
    model.addAll(List.of(extra));
    return new Words(
        new Findings(
            new ReportData(
                d.facts(),
                d.customers(),
                d.currency(),
                d.segments(),
                d.curves(),
                d.contractBased(),
                model,
                d.calibration(),
                d.touchesPerMonth(),
                d.scores(),
                d.outreach(),
                d.holdout(),
                d.quality(),
                d.missing(),
                d.customerValue())));
  }

  private static ModelTerm ratio(String model, String term, double hr, double lo, double hi) {
    return new ModelTerm(model, term, hr, Math.log(hi / lo) / (2 * 1.96), lo, hi, 1e-6, 1900L);
  }

  private static ModelTerm value(String model, String term, double v) {
    return new ModelTerm(model, term, v, null, null, null, null, 1900L);
  }
}
