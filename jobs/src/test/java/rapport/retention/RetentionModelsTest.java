package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rapport.retention.Fixtures.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rapport.schema.ReportInputs;
import rapport.schema.RetentionTables;
import rapport.schema.Touches;

/**
 * The four model analyses of the retention stage called directly, as the stage calls them, on a
 * purchase world of 160 customers where a personal touch keeps a customer buying longer: the rows
 * each adds to {@code tables/retention_model}, its block of the summary, and the named fallback
 * when there is nothing to fit.
 */
class RetentionModelsTest {
  private static final LocalDate T = LocalDate.of(2024, 7, 1);
  private static final int H = 90;
  private static final int CUSTOMERS = 160;
  private static final RetentionSettings SETTINGS =
      new RetentionSettings(
          180,
          730,
          90,
          RetentionSettings.DEFAULTS.ties(),
          RetentionSettings.DEFAULTS.bgnbdTimeUnit(),
          5);

  private static RetentionEvents world;
  private static RetentionEvents empty;

  @BeforeAll
  static void worlds() {
    Random rnd = new Random(17);
    List<Row> customers = new ArrayList<>();
    List<Row> orders = new ArrayList<>();
    List<Row> touches = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      String id = String.format("C%03d", i);
      LocalDate since = LocalDate.of(2022, 1, 1).plusDays(rnd.nextInt(120));
      boolean touched = i % 2 == 0;
      customers.add(customer(id, since, null));
      // a BG/NBD world: purchases at a customer's own rate, after each one the customer leaves
      // with a chance of their own, halved for a customer with personal touches
      double gap = 10 + rnd.nextInt(60);
      double leave = (0.02 + 0.3 * Math.pow(rnd.nextDouble(), 2)) * (touched ? 0.5 : 1);
      double spend = 20 + rnd.nextInt(200);
      LocalDate d = since.plusDays(1 + (long) (-gap * Math.log(1 - rnd.nextDouble())));
      LocalDate last = since;
      int k = 0;
      while (d.isBefore(T.plusDays(30))) {
        // some orders fall on or after T: the analyses must not see them
        String amount =
            String.format(java.util.Locale.ROOT, "%.2f", spend * (0.5 + rnd.nextDouble()));
        orders.add(order(id + "-" + k++, id, d, amount, "completed"));
        last = d;
        if (rnd.nextDouble() < leave) {
          break;
        }
        d = d.plusDays(1 + (long) (-gap * Math.log(1 - rnd.nextDouble())));
      }
      for (LocalDate t = since.plusDays(rnd.nextInt(30));
          t.isBefore(T.plusDays(20));
          t = t.plusDays(30)) {
        touches.add(touch(id, t, Touches.AUTOMATED));
        if (touched && t.isBefore(last.plusDays(60))) {
          touches.add(touch(id, t.plusDays(3), Touches.PERSONAL));
        }
      }
    }
    // poison: a customer whose one order was cancelled is in no model
    customers.add(customer("X", LocalDate.of(2022, 2, 1), null));
    orders.add(order("x1", "X", LocalDate.of(2023, 5, 1), "50", "cancelled"));
    touches.add(touch("X", LocalDate.of(2023, 4, 1), Touches.PERSONAL));
    world =
        RetentionEvents.of(
            customers(customers.toArray(Row[]::new)),
            orders(orders.toArray(Row[]::new)),
            touches(touches.toArray(Row[]::new)),
            T,
            H,
            ZONE);
    empty =
        RetentionEvents.of(
            customers(customer("X", LocalDate.of(2022, 2, 1), null)),
            orders(order("x1", "X", LocalDate.of(2023, 5, 1), "50", "cancelled")),
            touches(touch("X", LocalDate.of(2023, 4, 1), Touches.PERSONAL)),
            T,
            H,
            ZONE);
  }

  @AfterAll
  static void release() {
    world.close();
    empty.close();
  }

  private static RetentionSummary summary(RetentionEvents e) {
    return new RetentionSummary(T, H, e.contracts(), SETTINGS);
  }

  /** The model's rows by term; fails when another model wrote a row or a term twice. */
  private static Map<String, Row> rows(ModelRows model, String name) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : model.rows()) {
      assertEquals(name, model(r), r::toString);
      assertEquals(null, out.put(term(r), r), r::toString);
    }
    return out;
  }

  /** The rows of one of the models that wrote into the same rows, by term. */
  private static Map<String, Row> rowsOf(ModelRows model, String name) {
    ModelRows one = new ModelRows();
    model.rows().stream().filter(r -> model(r).equals(name)).forEach(one.rows()::add);
    return rows(one, name);
  }

  /** ModelRows' rows carry no schema: their fields are those of the table's schema. */
  private static double estimate(Row r) {
    return r.getDouble(RetentionTables.MODEL_SCHEMA.fieldIndex(RetentionTables.ESTIMATE));
  }

  private static long n(Row r) {
    return r.getLong(RetentionTables.MODEL_SCHEMA.fieldIndex(RetentionTables.N));
  }

  private static String model(Row r) {
    return r.getString(RetentionTables.MODEL_SCHEMA.fieldIndex(RetentionTables.FITTED_MODEL));
  }

  private static String term(Row r) {
    return r.getString(RetentionTables.MODEL_SCHEMA.fieldIndex(RetentionTables.TERM));
  }

  private static void assertTerms(Map<String, Row> rows, String... terms) {
    assertTrue(rows.keySet().containsAll(List.of(terms)), rows::toString);
  }

  @Test
  void coxWritesHazardRatiosAndItsFitOnTheCustomersAtRisk() {
    RetentionSummary summary = summary(world);
    ModelRows model = new ModelRows();
    Optional<String> log =
        RetentionCox.fit(world, SETTINGS, df -> df.localCheckpoint(), summary, model);
    assertTrue(log.isPresent(), summary::text);
    Map<String, Row> rows = rows(model, RetentionSummary.COX);
    assertTerms(
        rows,
        Covariates.PERSONAL_TOUCHES_90D,
        "likelihood_ratio",
        "concordance",
        "log_likelihood",
        "events",
        "person_periods",
        "compressed_rows",
        "converged");
    Set<Long> ns = new LinkedHashSet<>();
    rows.values().forEach(r -> ns.add(n(r)));
    assertEquals(1, ns.size(), "one n, the customers at risk: " + ns);
    long subjects = ns.iterator().next();
    assertTrue(subjects > CUSTOMERS / 2 && subjects <= CUSTOMERS, "at risk: " + subjects);
    assertEquals(1.0, estimate(rows.get("converged")));
    assertTrue(estimate(rows.get("events")) > 10, rows.get("events")::toString);
    // touched customers keep buying: fewer lapses per personal touch
    assertTrue(estimate(rows.get(Covariates.PERSONAL_TOUCHES_90D)) < 1, rows::toString);
    assertTrue(estimate(rows.get("concordance")) > 0.5, rows.get("concordance")::toString);
    String text = summary.text();
    assertTrue(text.contains("model " + RetentionSummary.COX), text);
    assertTrue(text.contains("customers        = " + subjects + "\n"), text);
  }

  @Test
  void dropoutWritesItsParametersAndTouchEffects() {
    RetentionSummary summary = summary(world);
    ModelRows model = new ModelRows();
    Optional<String> log = RetentionDropout.fit(world, SETTINGS, summary, model);
    assertTrue(log.isPresent(), summary::text);
    // the dropout models: dropout_dynamic, then dropout_continuous on the same sample
    Map<String, Row> rows = rowsOf(model, RetentionTables.DROPOUT_DYNAMIC);
    assertTerms(
        rows,
        DropoutOccasions.PERSONAL,
        "r",
        "alpha",
        "a",
        "b",
        "likelihood_ratio",
        "log_likelihood",
        "customers_in_population",
        "converged");
    // every customer with a completed order before T, the poison left out
    assertEquals(CUSTOMERS, estimate(rows.get("customers_in_population")));
    assertEquals(1.0, estimate(rows.get("converged")));
    assertEquals(CUSTOMERS, n(rows.get("r")));
    String text = summary.text();
    assertTrue(text.contains("model " + RetentionTables.DROPOUT_DYNAMIC), text);
    assertTrue(text.contains("every automated touch counts as outreach"), text);
    // the continuous-time model on the same sample: with the outreach tail replayed from donors
    // (DropoutPaths) the spread of θ is identified on these 160 customers too (with the Poisson
    // tail s ran off beyond 1e4 and the fit was refused), so it writes its terms and parameters
    Map<String, Row> continuous = rowsOf(model, RetentionTables.DROPOUT_CONTINUOUS);
    assertTerms(
        continuous,
        DropoutOccasions.PERSONAL,
        "r",
        "alpha",
        "s",
        "beta",
        "likelihood_ratio",
        "log_likelihood",
        "customers_in_population",
        "converged",
        "draws");
    assertEquals(1.0, estimate(continuous.get("converged")));
    assertEquals(CUSTOMERS, n(continuous.get("converged")));
    double personal = estimate(continuous.get(DropoutOccasions.PERSONAL));
    assertTrue(personal > 0 && Double.isFinite(personal), continuous::toString);
    assertTrue(text.contains("model " + RetentionTables.DROPOUT_CONTINUOUS), text);
  }

  @Test
  void backtestWritesItsQualityAndCalibration() {
    RetentionSummary summary = summary(world);
    ModelRows model = new ModelRows();
    RetentionBacktest.fit(world, SETTINGS, summary, model);
    Map<String, Row> rows = rows(model, Backtest.MODEL);
    assertTerms(
        rows,
        Covariates.PERSONAL_TOUCHES_90D,
        "log_likelihood",
        "pseudo_r2",
        ReportInputs.AUC,
        ReportInputs.BRIER,
        "observed_retention");
    long testN = n(rows.get(ReportInputs.AUC));
    long calibrated = 0;
    int bins = 0;
    for (Row r : rows.values()) {
      if (term(r).endsWith(ReportInputs.OBSERVED_SUFFIX)) {
        calibrated += n(r);
        bins++;
      }
    }
    assertTrue(bins >= 2 && bins <= SETTINGS.calibrationBins(), rows::toString);
    assertEquals(testN, calibrated, "the calibration bins hold every evaluated customer");
    assertTrue(estimate(rows.get(ReportInputs.AUC)) > 0.5, rows.get(ReportInputs.AUC)::toString);
    String text = summary.text();
    assertTrue(text.contains("evaluated on     = " + testN + " customers"), text);
  }

  @Test
  void customerValueWritesBgNbdAndGammaGamma() {
    RetentionSummary summary = summary(world);
    ModelRows model = new ModelRows();
    Optional<String> log = RetentionValue.fit(world, SETTINGS, null, 0.0, summary, model);
    assertTrue(log.isPresent(), summary::text);
    Map<String, Long> n = new LinkedHashMap<>();
    Set<String> terms = new LinkedHashSet<>();
    for (Row r : model.rows()) {
      terms.add(model(r) + "." + term(r));
      n.merge(model(r), n(r), Math::max);
    }
    assertTrue(
        terms.containsAll(
            List.of(
                "bgnbd.r",
                "bgnbd.alpha",
                "bgnbd.a",
                "bgnbd.b",
                "bgnbd.mean_p_alive",
                "gamma_gamma.p",
                "gamma_gamma.q",
                "gamma_gamma.gamma",
                "gamma_gamma.mean_expected_spend")),
        terms::toString);
    assertEquals(Set.of("bgnbd", "gamma_gamma"), n.keySet());
    assertEquals(CUSTOMERS, n.get("bgnbd"), "every customer with a completed order before T");
    assertTrue(n.get("gamma_gamma") <= CUSTOMERS, n::toString);
    assertTrue(summary.text().contains("source = "), summary::text);
  }

  @Test
  void withoutACompletedOrderEachModelSaysWhyItWasNotFitted() {
    RetentionSummary summary = summary(empty);
    ModelRows model = new ModelRows();
    assertEquals(Optional.empty(), RetentionCox.fit(empty, SETTINGS, df -> df, summary, model));
    assertEquals(Optional.empty(), RetentionDropout.fit(empty, SETTINGS, summary, model));
    RetentionBacktest.fit(empty, SETTINGS, summary, model);
    RetentionValue.fit(empty, SETTINGS, null, 0.0, summary, model);
    String text = summary.text();
    assertTrue(text.contains("  - Cox model: not fitted, nobody at risk in the window\n"), text);
    assertTrue(
        text.contains(
            "  - dropout model: not fitted, no customer with a completed order before T\n"),
        text);
    assertTrue(text.contains("  - logistic backtest: not fitted: "), text);
    assertTrue(text.contains("  - BG/NBD: not fitted: "), text);
    assertEquals(List.of(), model.rows());
  }
}
