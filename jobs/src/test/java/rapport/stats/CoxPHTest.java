package rapport.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rapport.cli.StatsInput;
import tech.tablesaw.api.Table;

/**
 * Cox proportional hazards against R's coxph. References: ../shared/datasets/SOURCES.md (published)
 * and src/test/resources/reference/survival_reference.txt (R 4.2.2, survival 3.5.3).
 */
class CoxPHTest {
  private static final List<String> ROSSI =
      List.of("fin", "age", "race", "wexp", "mar", "paro", "prio");

  private static SurvivalData rossi(List<String> covariates) {
    StatsInput in = ReferenceData.csv(ReferenceData.shared("survival/rossi.csv"));
    double[][] cols = new double[covariates.size()][];
    for (int k = 0; k < cols.length; k++) {
      cols[k] = ReferenceData.column(in, covariates.get(k));
    }
    return SurvivalData.rightCensored(
        covariates,
        ReferenceData.column(in, "week"),
        ReferenceData.equalTo(ReferenceData.column(in, "arrest"), 1),
        cols);
  }

  private static SurvivalData lung(List<String> covariates) {
    StatsInput in = ReferenceData.csv(ReferenceData.shared("survival/lung.csv"));
    double[][] cols = new double[covariates.size()][];
    for (int k = 0; k < cols.length; k++) {
      cols[k] = ReferenceData.column(in, covariates.get(k));
    }
    return SurvivalData.rightCensored(
        covariates,
        ReferenceData.column(in, "time"),
        ReferenceData.equalTo(ReferenceData.column(in, "status"), 2),
        cols);
  }

  private static void assertCoefficients(double[] expected, CoxFit fit, double tolerance) {
    double[] actual = fit.coefficients();
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], actual[k], tolerance, fit.names().get(k));
    }
  }

  private static void assertStdErrors(double[] expected, CoxFit fit, double tolerance) {
    for (int k = 0; k < expected.length; k++) {
      String name = fit.names().get(k);
      assertEquals(expected[k], fit.estimate(name).stdError(), tolerance, name);
    }
  }

  @Test
  void rossiEfronReproducesThePublishedFit() {
    CoxFit fit = CoxPH.fit("rossi.csv: week, arrest", rossi(ROSSI));
    // published (SOURCES.md), tolerance 1e-4 as the issue asks; R's digits agree to 1e-6
    assertCoefficients(
        new double[] {
          -0.3794222, -0.0574377, 0.3138998, -0.1497957, -0.4337039, -0.0848711, 0.0914971
        },
        fit,
        1e-6);
    assertEquals(-658.7477, fit.logLikelihood(), 1e-4);
    assertEquals(0.640, fit.concordance(), 5e-4);
    // R: se, null log-likelihood, LR statistic, concordance counts (exact integers)
    assertStdErrors(
        new double[] {
          0.1913794807135,
          0.0219994706007,
          0.3079927765574,
          0.2122242962486,
          0.3818680576688,
          0.1957566719066,
          0.0286485499600
        },
        fit,
        1e-6);
    assertEquals(-675.380632347, fit.nullLogLikelihood(), 1e-8);
    assertEquals(33.2659458016, fit.likelihoodRatioTest().statistic(), 1e-6);
    assertEquals(0.640329247100, fit.concordance(), 1e-10);
    assertEquals(27242, fit.concordanceCounts().concordant(), 0.0);
    assertEquals(15291, fit.concordanceCounts().discordant(), 0.0);
    assertEquals(49, fit.concordanceCounts().tiedScore(), 0.0);
    assertEquals(111, fit.concordanceCounts().tiedTime(), 0.0);
    // R's Pr(>|z|) for prio 0.00140424527933 and fin 0.04741609486577, to 1e-8
    assertEquals(0.00140424527933, fit.estimate("prio").p(), 1e-8);
    assertEquals(0.04741609486577, fit.estimate("fin").p(), 1e-8);
    assertEquals(432, fit.n());
    assertEquals(114, fit.events());
    assertTrue(fit.converged());
  }

  @Test
  void rossiBreslowIsRs() {
    CoxFit fit = CoxPH.fit("rossi.csv", rossi(ROSSI), CoxPH.Ties.BRESLOW);
    // R coxph(ties = "breslow"), to 1e-6 (R stops at a relative log-likelihood change of 1e-9)
    assertCoefficients(
        new double[] {
          -0.3790218874308,
          -0.0572459250447,
          0.3141297669074,
          -0.1511146000560,
          -0.4327825737629,
          -0.0849828352673,
          0.0911115420916
        },
        fit,
        1e-6);
    assertStdErrors(
        new double[] {
          0.1913644258598,
          0.0219831857251,
          0.3080172797370,
          0.2121231608837,
          0.3817949352629,
          0.1957482073092,
          0.0286312529561
        },
        fit,
        1e-6);
    assertEquals(-659.120605677, fit.logLikelihood(), 1e-6);
    assertEquals(-675.683389417, fit.nullLogLikelihood(), 1e-8);
    assertEquals(0.640423183505, fit.concordance(), 1e-10);
  }

  @Test
  void lungSexAndAgePlusSex() {
    // published: ~ sex −0.5310 (HR 0.588); ~ age + sex 0.017045, −0.513219; R's digits to 1e-6
    CoxFit sex = CoxPH.fit("lung.csv", lung(List.of("sex")));
    assertEquals(-0.5310, sex.coefficients()[0], 1e-4);
    assertEquals(0.588, sex.estimate("sex").ratio(), 5e-4);
    assertEquals(-0.53102353762, sex.coefficients()[0], 1e-6);
    assertEquals(0.167178583231, sex.estimate("sex").stdError(), 1e-6);
    assertEquals(-744.592999025, sex.logLikelihood(), 1e-6);
    assertEquals(0.578644948536, sex.concordance(), 1e-10);

    CoxFit ageSex = CoxPH.fit("lung.csv", lung(List.of("age", "sex")));
    assertCoefficients(new double[] {0.017045, -0.513219}, ageSex, 1e-6);
    assertStdErrors(new double[] {0.00922327347697, 0.16745796235577}, ageSex, 1e-6);
    assertEquals(-742.848245784, ageSex.logLikelihood(), 1e-6);
    assertEquals(0.602853002898, ageSex.concordance(), 1e-10);

    CoxFit breslow = CoxPH.fit("lung.csv", lung(List.of("age", "sex")), CoxPH.Ties.BRESLOW);
    assertCoefficients(new double[] {0.0170128891984, -0.5125647915187}, breslow, 1e-6);
    assertEquals(-743.079654198, breslow.logLikelihood(), 1e-6);
  }

  /** The Stanford heart transplant data in (start, stop] form, as R's survival ships it. */
  private static SurvivalData heart() {
    StatsInput in = ReferenceData.csv(ReferenceData.resource("heart.csv"));
    List<String> names = List.of("age", "year", "surgery", "transplant1");
    return SurvivalData.countingProcess(
        names,
        ReferenceData.column(in, "start"),
        ReferenceData.column(in, "stop"),
        ReferenceData.equalTo(ReferenceData.column(in, "event"), 1),
        null,
        ReferenceData.column(in, "age"),
        ReferenceData.column(in, "year"),
        ReferenceData.column(in, "surgery"),
        ReferenceData.column(in, "transplant"));
  }

  @Test
  void countingProcessWithATimeVaryingCovariateIsRs() {
    CoxFit efron = CoxPH.fit("heart.csv", heart());
    // R coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, heart), to 1e-6
    assertCoefficients(
        new double[] {0.0271666409577, -0.1463463456742, -0.6372098899670, -0.0102507724091},
        efron,
        1e-6);
    assertStdErrors(
        new double[] {0.0137141152103, 0.0704679795189, 0.3672259961803, 0.3137547983375},
        efron,
        1e-6);
    assertEquals(-290.565616218, efron.logLikelihood(), 1e-6);
    assertEquals(-298.121355673, efron.nullLogLikelihood(), 1e-8);
    assertEquals(0.635760123921, efron.concordance(), 1e-10);
    assertEquals(2873, efron.concordanceCounts().concordant(), 0.0);
    assertEquals(1646, efron.concordanceCounts().discordant(), 0.0);

    CoxFit breslow = CoxPH.fit("heart.csv", heart(), CoxPH.Ties.BRESLOW);
    assertCoefficients(
        new double[] {0.0271520807645, -0.1461157500026, -0.6358434755982, -0.0118958509638},
        breslow,
        1e-6);
    assertEquals(-290.794534648, breslow.logLikelihood(), 1e-6);
  }

  @Test
  void breslowCaseWeightsAreRs() {
    SurvivalData plain = rossi(List.of("fin", "age", "prio"));
    StatsInput in = ReferenceData.csv(ReferenceData.shared("survival/rossi.csv"));
    double[] w = new double[plain.rows()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 1 + ((i + 1) % 3); // R: 1 + (seq_len(n) %% 3)
    }
    double[] start = new double[w.length];
    java.util.Arrays.fill(start, Double.NEGATIVE_INFINITY);
    SurvivalData weighted =
        SurvivalData.countingProcess(
            List.of("fin", "age", "prio"),
            start,
            ReferenceData.column(in, "week"),
            ReferenceData.equalTo(ReferenceData.column(in, "arrest"), 1),
            w,
            ReferenceData.column(in, "fin"),
            ReferenceData.column(in, "age"),
            ReferenceData.column(in, "prio"));
    CoxFit fit = CoxPH.fit("rossi weighted", weighted, CoxPH.Ties.BRESLOW);
    assertCoefficients(
        new double[] {-0.4302518383720, -0.0642759415475, 0.0933306530911}, fit, 1e-6);
    assertStdErrors(new double[] {0.1350152040952, 0.0146604179659, 0.0188766162772}, fit, 1e-6);
    assertEquals(-1486.00861054, fit.logLikelihood(), 1e-6);
    assertEquals(0.633475704297, fit.concordance(), 1e-10);
  }

  @Test
  void compressedWeightedRowsEqualTheExpandedRowsUnderEfron() {
    // a small world with many exact ties: 3 covariate patterns, integer times 1..6
    List<double[]> expanded = new ArrayList<>();
    java.util.Random rnd = new java.util.Random(7);
    for (int i = 0; i < 400; i++) {
      double x1 = rnd.nextInt(2);
      double x2 = rnd.nextInt(3);
      double start = rnd.nextInt(2);
      double stop = start + 1 + rnd.nextInt(5);
      double event = rnd.nextDouble() < 0.3 + 0.2 * x1 ? 1 : 0;
      expanded.add(new double[] {start, stop, event, x1, x2});
    }
    java.util.Map<List<Double>, Integer> counts = new java.util.LinkedHashMap<>();
    for (double[] r : expanded) {
      counts.merge(List.of(r[0], r[1], r[2], r[3], r[4]), 1, Integer::sum);
    }
    SurvivalData full = toData(expanded, null);
    List<double[]> distinct = new ArrayList<>();
    double[] w = new double[counts.size()];
    int j = 0;
    for (var e : counts.entrySet()) {
      distinct.add(e.getKey().stream().mapToDouble(Double::doubleValue).toArray());
      w[j++] = e.getValue();
    }
    SurvivalData compressed = toData(distinct, w);
    assertTrue(compressed.rows() < 150, "compression happened: " + compressed.rows());
    for (CoxPH.Ties ties : CoxPH.Ties.values()) {
      CoxFit a = CoxPH.fit("expanded", full, ties);
      CoxFit b = CoxPH.fit("compressed", compressed, ties);
      // the same sums in another order: equal to rounding
      assertCoefficients(a.coefficients(), b, 1e-10);
      assertEquals(a.logLikelihood(), b.logLikelihood(), 1e-9);
      assertEquals(a.estimate("x1").stdError(), b.estimate("x1").stdError(), 1e-10);
      assertEquals(a.concordance(), b.concordance(), 1e-12);
    }
  }

  private static SurvivalData toData(List<double[]> rows, double[] w) {
    int n = rows.size();
    double[][] c = new double[5][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 5; k++) {
        c[k][i] = rows.get(i)[k];
      }
    }
    return SurvivalData.countingProcess(
        List.of("x1", "x2"), c[0], c[1], ReferenceData.equalTo(c[2], 1), w, c[3], c[4]);
  }

  @Test
  void summaryTableAndTextSayWhatWasFitted() {
    CoxFit fit = CoxPH.fit("rossi.csv: week, arrest", rossi(ROSSI));
    Table t = fit.summary();
    assertEquals(7, t.rowCount());
    assertEquals("prio", t.stringColumn("covariate").get(6));
    assertEquals(Math.exp(0.0914970809853), t.doubleColumn("exp_coef").get(6), 1e-6);
    String text = fit.summaryText();
    assertTrue(text.contains("rossi.csv: week, arrest"), text);
    assertTrue(text.contains("efron"), text);
    assertTrue(text.contains("Concordance = 0.640"), text);
  }
}
