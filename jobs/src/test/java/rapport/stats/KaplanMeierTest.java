package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import rapport.cli.StatsInput;
import tech.tablesaw.api.Table;

/**
 * Kaplan–Meier against R's survfit. References: ../shared/datasets/SOURCES.md (published) and
 * src/test/resources/reference/survival_reference.txt (R 4.2.2, survival 3.5.3).
 */
class KaplanMeierTest {

  private static KaplanMeierFit lung() {
    StatsInput in = ReferenceData.csv(ReferenceData.shared("survival/lung.csv"));
    return KaplanMeier.fit(
        "lung.csv: time, status == 2",
        ReferenceData.column(in, "time"),
        ReferenceData.equalTo(ReferenceData.column(in, "status"), 2));
  }

  @Test
  void lungMedianAndItsIntervalAreRs() {
    KaplanMeierFit km = lung();
    assertEquals(228, km.n());
    assertEquals(165, km.events());
    // survfit prints median 310, 0.95LCL 285, 0.95UCL 363: exact times, so exact equality
    assertEquals(310, km.median(), 0.0);
    assertEquals(285, km.medianLower(), 0.0);
    assertEquals(363, km.medianUpper(), 0.0);
  }

  @Test
  void lungSurvivalAndLogIntervalsAreRs() {
    KaplanMeierFit km = lung();
    // published S(365) = 0.409, S(730) = 0.116; R's summary(km, times=...) to 1e-10
    assertEquals(0.409, km.survivalAt(365), 5e-4);
    assertEquals(0.116, km.survivalAt(730), 5e-4);
    assertEquals(0.4092416244601, km.survivalAt(365), 1e-10);
    assertEquals(0.1156930983445, km.survivalAt(730), 1e-10);
    assertEquals(0.9956140350877, km.survivalAt(5), 1e-10);
    assertEquals(65, km.atRiskAt(365), 0.0);
    assertEquals(13, km.atRiskAt(730), 0.0);
    assertEquals(186, km.times().length, "R's survfit has 186 distinct times");
    int at365 = indexAtOrBefore(km.times(), 365);
    assertEquals(0.0875366434666, km.stdErr()[at365], 1e-10);
    assertEquals(0.3447215817958, km.lower()[at365], 1e-10);
    assertEquals(0.485837603547, km.upper()[at365], 1e-10);
    int at11 = indexAtOrBefore(km.times(), 11);
    assertEquals(0.999645978820, km.upper()[at11], 1e-10);
  }

  @Test
  void lungBySexMatchesR() {
    StatsInput in = ReferenceData.csv(ReferenceData.shared("survival/lung.csv"));
    double[] sex = ReferenceData.column(in, "sex");
    String[] groups = new String[sex.length];
    for (int i = 0; i < sex.length; i++) {
      groups[i] = sex[i] == 1 ? "male" : "female";
    }
    Map<String, KaplanMeierFit> fits =
        KaplanMeier.fitByGroup(
            "lung.csv",
            ReferenceData.column(in, "time"),
            ReferenceData.equalTo(ReferenceData.column(in, "status"), 2),
            groups,
            null);
    // R: sex=1 n 138, events 112, median 270 (212, 310); sex=2 n 90, 53, 426 (348, 550)
    KaplanMeierFit male = fits.get("male");
    KaplanMeierFit female = fits.get("female");
    assertEquals(138, male.n());
    assertEquals(112, male.events());
    assertEquals(270, male.median(), 0.0);
    assertEquals(212, male.medianLower(), 0.0);
    assertEquals(310, male.medianUpper(), 0.0);
    assertEquals(90, female.n());
    assertEquals(426, female.median(), 0.0);
    assertEquals(348, female.medianLower(), 0.0);
    assertEquals(550, female.medianUpper(), 0.0);
  }

  @Test
  void rossiAtOneYearAndUndefinedMedian() {
    StatsInput in = ReferenceData.csv(ReferenceData.shared("survival/rossi.csv"));
    KaplanMeierFit km =
        KaplanMeier.fit(
            "rossi.csv",
            ReferenceData.column(in, "week"),
            ReferenceData.equalTo(ReferenceData.column(in, "arrest"), 1));
    // published S(52) = 0.736; R: 0.736111111111 (0.695701386766, 0.778868029026)
    assertEquals(0.736111111111, km.survivalAt(52), 1e-10);
    assertEquals(0.695701386766, km.lower()[indexAtOrBefore(km.times(), 52)], 1e-10);
    assertEquals(0.778868029026, km.upper()[indexAtOrBefore(km.times(), 52)], 1e-10);
    // R prints NA for the median: the curve never reaches 0.5
    assertTrue(Double.isNaN(km.median()));
    assertTrue(Double.isNaN(km.medianUpper()));
  }

  @Test
  void flatAtOneHalfGivesTheMidpointAsR() {
    // 4 subjects, events at 1 and 2: S = 0.75, 0.5, then flat at 0.5 until the event at 6
    double[] t = {1, 2, 4, 6, 8};
    boolean[] e = {true, false, false, true, false};
    KaplanMeierFit km = KaplanMeier.fit("tiny", t, e);
    // S: 0.8, 0.8, 0.8, 0.4 -> no exact 0.5; median is 6
    assertEquals(6, km.median(), 0.0);
    double[] t2 = {1, 2, 3, 4};
    boolean[] e2 = {true, true, true, true};
    // S = 0.75, 0.5, 0.25, 0: exactly 0.5 at t=2, R gives (2 + 3) / 2
    assertEquals(2.5, KaplanMeier.fit("exact half", t2, e2).median(), 0.0);
  }

  @Test
  void weightsAreCountsOfIdenticalRows() {
    double[] t = {1, 1, 2, 3, 3, 3, 5};
    boolean[] e = {true, true, false, true, true, false, true};
    KaplanMeierFit expanded = KaplanMeier.fit("expanded", t, e);
    KaplanMeierFit compressed =
        KaplanMeier.fit(
            "compressed",
            new double[] {1, 2, 3, 3, 5},
            new boolean[] {true, false, true, false, true},
            new double[] {2, 1, 2, 1, 1},
            0.95);
    assertEquals(expanded.survivalAt(3), compressed.survivalAt(3), 1e-15);
    assertEquals(expanded.stdErr()[2], compressed.stdErr()[2], 1e-15);
    Table summary = compressed.summary();
    assertEquals(4, summary.rowCount());
    assertEquals(7, summary.doubleColumn("at_risk").get(0), 0.0);
  }

  @Test
  void rejectsNegativeDurations() {
    assertThrows(
        IllegalArgumentException.class,
        () -> KaplanMeier.fit("bad", new double[] {-1}, new boolean[] {true}));
  }

  private static int indexAtOrBefore(double[] times, double t) {
    int i = java.util.Arrays.binarySearch(times, t);
    return i >= 0 ? i : -i - 2;
  }
}
