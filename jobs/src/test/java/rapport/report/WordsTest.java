package rapport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The headline sentences state their numbers, n and intervals, worked out by hand. */
class WordsTest {
  final Findings f = new Findings(SampleReportData.data());
  final Words w = new Words(f);

  @Test
  void headlinesInOrderWithTheirNumbers() {
    List<String> h = w.headlines();
    assertEquals(8, h.size());
    // (141 + 537) / (190 + 680) = 0.779; 418 / 820 = 0.510; 96 / 310 = 0.310
    assertEquals(
        "Customers with a personal touch kept buying over the next 180 days at 78% (95% CI 75–81%,"
            + " n = 870) against 51% (95% CI 48–54%, n = 820) for automated-only customers and 31%"
            + " (95% CI 26–36%, n = 310) for customers with no touch.",
        h.get(0));
    assertEquals(
        "Adjusted for recency, frequency, spend and tenure, each personal touch in the last 90"
            + " days goes with a 39% lower risk of lapsing: hazard ratio 0.61 (95% CI 0.55–0.68,"
            + " n = 2,000).",
        h.get(1));
    assertTrue(h.get(2).contains("no clear change in the risk of lapsing"), h.get(2));
    assertTrue(
        h.get(3).startsWith("In the last three months (Mar 2026 to May 2026), 1,770"), h.get(3));
    assertTrue(h.get(4).contains("38% of customers score below 40"), h.get(4));
    assertTrue(
        h.get(5).startsWith("This week: 446 customers to contact across 24 reps (70% of"),
        h.get(5));
    assertTrue(h.get(5).contains("61 eligible customers are held out at random"), h.get(5));
    assertTrue(h.get(6).contains("AUC 0.78"), h.get(6));
    assertEquals(
        "132,920 input rows read; 0.4% (529 rows) quarantined with a reason; every input is within"
            + " its tolerance.",
        h.get(7));
  }

  @Test
  void aHazardRatioAboveOneReadsAsHigherRisk() {
    Findings.Hazard h = new Findings.Hazard("cox", "x", 1.25, 1.1, 1.4, 10L);
    assertEquals("a 25% higher risk of lapsing", Words.effect(h));
  }
}
