package rapport.retention;

import static org.apache.spark.sql.functions.*;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.storage.StorageLevel;
import rapport.domain.RetentionLabels;
import rapport.run.RunContext;
import rapport.run.Stage;
import rapport.schema.Columns;
import rapport.schema.RetentionTables;
import rapport.schema.Schemas;
import rapport.schema.Scores;
import rapport.schema.Touches;
import rapport.scores.PurchaseModelFile;
import rapport.scores.Sampling;
import rapport.scores.ScoreSettings;
import rapport.stats.CoxFit;
import rapport.stats.CoxPH;
import rapport.stats.DynamicBgNbd;
import rapport.stats.SurvivalData;

/**
 * SPEC §6.3: links touches to retention. Reads customers, orders and touches (and the relationship
 * scores when the score stage ran); writes {@code tables/retention_segments}, {@code
 * tables/retention_curves}, {@code tables/retention_model} and {@code retention/summary.txt}. Every
 * estimate is observational: it describes who was touched and who stayed, not what a touch causes;
 * the outreach holdout measures that.
 */
public final class RetentionStage implements Stage {
  public static final String SUMMARY = "retention/summary.txt";

  @Override
  public String name() {
    return "retention";
  }

  @Override
  public List<String> needs() {
    return List.of(Schemas.CUSTOMERS.name(), Schemas.ORDERS.name(), Touches.TABLE);
  }

  public static String description() {
    return "Link touches to retention: retention and Kaplan-Meier curves by touch mix, a Cox model"
        + " with time-varying touches, a logistic backtest, BG/NBD and Gamma-Gamma.";
  }

  @Override
  public void run(RunContext ctx) {
    RetentionSettings settings = ctx.config().section(RetentionSettings.class);
    String zone = ctx.config().timeZone().getId();
    int horizon = ctx.config().horizonDays();
    LocalDate asOf = ctx.asOf();
    long t = asOf.toEpochDay();
    Dataset<Row> customers = ctx.table(Schemas.CUSTOMERS.name());
    Dataset<Row> orders = ctx.table(Schemas.ORDERS.name());
    Dataset<Row> touches = ctx.table(Touches.TABLE);
    boolean contracts = RetentionLabels.hasContracts(customers);
    Dataset<Row> orderDays =
        DayEvents.completedOrders(orders, zone).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> personal =
        DayEvents.personalTouches(touches, zone).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> automated =
        DayEvents.automatedTouches(touches, zone).persist(StorageLevel.MEMORY_AND_DISK());
    Events events = new Events(customers, orders, orderDays, personal, automated);
    RetentionSummary summary = new RetentionSummary(asOf, horizon, contracts, settings);
    ModelRows model = new ModelRows();
    try {
      segments(ctx, settings, summary, events, contracts);
      cox(ctx, settings, summary, model, events, contracts);
      if (!contracts) {
        dropout(ctx, settings, summary, model, events, touches);
      }
      backtest(ctx, settings, summary, model, events, contracts);
      customerValue(ctx, settings, summary, model, orderDays);
    } finally {
      orderDays.unpersist();
      personal.unpersist();
      automated.unpersist();
    }
    List<Row> rows = model.rows();
    ctx.writeTable(
        RetentionTables.MODEL,
        ctx.spark().createDataFrame(rows, RetentionTables.MODEL_SCHEMA),
        rows.size(),
        "model",
        "term");
    String text = summary.text();
    text.lines().forEach(l -> ctx.progress().line("%s", l));
    ctx.writeText(SUMMARY, text);
  }

  private static void segments(
      RunContext ctx,
      RetentionSettings settings,
      RetentionSummary summary,
      Events e,
      boolean contracts) {
    int horizon = ctx.config().horizonDays();
    LocalDate cutoff = ctx.asOf().minusDays(horizon);
    long c = cutoff.toEpochDay();
    long t = ctx.asOf().toEpochDay();
    ctx.spark().sparkContext().setJobDescription("retention: segments at " + cutoff);
    Dataset<Row> labels =
        RetentionLabels.at(
            e.customers(), e.orders(), cutoff, horizon, ctx.config().timeZone().getId(), contracts);
    Dataset<Row> outcomes =
        Landmark.outcomes(labels, e.customers(), e.orderDays(), c, t, contracts)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> mix =
        Landmark.touchMix(labels, e.personal(), e.automated(), c, settings.touchMixDays());
    Segments.Result byMix =
        Segments.of(
            outcomes
                .join(mix, new String[] {Columns.CUSTOMER_ID}, "inner")
                .withColumnRenamed(Landmark.TOUCH_MIX, Segments.SEGMENT),
            Landmark.TOUCH_MIX,
            Landmark.MIXES);
    summary.segments(byMix);
    List<Row> segmentRows = new java.util.ArrayList<>(byMix.segmentRows());
    List<Row> curveRows = new java.util.ArrayList<>(byMix.curveRows());
    if (ctx.hasTable(Scores.TABLE)) {
      Segments.Result byBand =
          Segments.of(
              outcomes
                  .join(
                      IndexBands.of(ctx.table(Scores.TABLE)),
                      new String[] {Columns.CUSTOMER_ID},
                      "left_outer")
                  .withColumn(
                      Segments.SEGMENT, coalesce(col(Segments.SEGMENT), lit(IndexBands.UNSCORED))),
              IndexBands.KIND,
              IndexBands.BANDS);
      summary.segments(byBand);
      segmentRows.addAll(byBand.segmentRows());
      curveRows.addAll(byBand.curveRows());
    } else {
      summary.note(
          "personal-index bands: skipped, no tables/"
              + Scores.TABLE
              + " in this run (run the"
              + " score stage first)");
    }
    outcomes.unpersist();
    ctx.writeTable(
        RetentionTables.SEGMENTS,
        ctx.spark().createDataFrame(segmentRows, RetentionTables.SEGMENTS_SCHEMA),
        segmentRows.size(),
        "segment_kind",
        "segment");
    ctx.writeTable(
        RetentionTables.CURVES,
        ctx.spark().createDataFrame(curveRows, RetentionTables.CURVES_SCHEMA),
        curveRows.size(),
        "segment_kind",
        "segment",
        "time_days");
  }

  private static void cox(
      RunContext ctx,
      RetentionSettings settings,
      RetentionSummary summary,
      ModelRows model,
      Events e,
      boolean contracts) {
    long t = ctx.asOf().toEpochDay();
    long s = t - settings.coxWindowDays();
    int horizon = ctx.config().horizonDays();
    ctx.spark()
        .sparkContext()
        .setJobDescription("retention: person-periods from " + LocalDate.ofEpochDay(s));
    Dataset<Row> spells =
        contracts
            ? Spells.contract(e.customers(), s, t)
            : Spells.purchase(e.customers(), e.orderDays(), s, t, horizon);
    spells = spells.persist(StorageLevel.MEMORY_AND_DISK());
    Path work = ctx.checkpoint("retention", "person_periods");
    ctx.progress().follow(ctx.spark(), "building person-periods");
    try {
      PersonPeriods.compress(
              PersonPeriods.split(
                  spells,
                  e.customers(),
                  e.personal(),
                  e.automated(),
                  e.orderDays(),
                  s,
                  t,
                  settings.coxRefreshDays()))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(work.toString());
    } finally {
      ctx.progress().stopFollowing();
    }
    Dataset<Row> compressed = PersonPeriods.sorted(ctx.spark().read().parquet(work.toString()));
    long rows = compressed.count();
    long subjects = spells.count();
    spells.unpersist();
    if (rows == 0) {
      summary.note("Cox model: not fitted, nobody at risk in the window");
      return;
    }
    long t0 = System.nanoTime();
    SurvivalData data = CoxModel.load(compressed, rows);
    long t1 = System.nanoTime();
    CoxFit fit;
    try {
      fit =
          CoxPH.fit(
              "customers at risk " + LocalDate.ofEpochDay(s) + " to " + ctx.asOf().minusDays(1),
              data,
              settings.ties());
    } catch (IllegalArgumentException | IllegalStateException ex) {
      summary.note("Cox model: not fitted: " + ex.getMessage());
      return;
    }
    double loadSeconds = (t1 - t0) / 1e9;
    double seconds = (System.nanoTime() - t1) / 1e9;
    if (!fit.dropped().isEmpty()) {
      summary.note("Cox model: left out before fitting: " + String.join("; ", fit.dropped()));
    }
    if (!fit.status().usable()) {
      summary.note("Cox model: " + fit.status().describe() + "; no hazard ratios are written");
      return;
    }
    String name = RetentionSummary.COX;
    fit.estimates().forEach(est -> model.ratio(name, est, subjects));
    CoxFit.LikelihoodRatioTest lr = fit.likelihoodRatioTest();
    model.test(name, "likelihood_ratio", lr.statistic(), lr.p(), subjects);
    model.value(name, "concordance", fit.concordance(), subjects);
    model.value(name, "log_likelihood", fit.logLikelihood(), subjects);
    model.value(name, "events", fit.events(), subjects);
    model.value(name, "person_periods", fit.n(), subjects);
    model.value(name, "compressed_rows", rows, subjects);
    model.value(name, "converged", fit.converged() ? 1 : 0, subjects);
    summary.cox(fit, subjects, rows);
    // timings go to the log, not to the summary: the same inputs give the same summary
    ctx.progress()
        .line("  Cox model: rows loaded in %.1f s, fitted in %.1f s", loadSeconds, seconds);
  }

  /** Customers at most fitted by the dropout model: a deterministic sample beyond. */
  static final int DROPOUT_SAMPLE_CUSTOMERS = 20_000;

  /**
   * Purchase businesses: the touch effects on the unobserved dropout, from the BG/NBD whose dropout
   * chance at each purchase follows the touches before it ({@link DynamicBgNbd}, inputs from {@link
   * DropoutOccasions}), fitted on a deterministic sample of customers.
   */
  private static void dropout(
      RunContext ctx,
      RetentionSettings settings,
      RetentionSummary summary,
      ModelRows model,
      Events e,
      Dataset<Row> touches) {
    long t = ctx.asOf().toEpochDay();
    String zone = ctx.config().timeZone().getId();
    ctx.spark().sparkContext().setJobDescription("retention: dropout model purchase histories");
    boolean kinds = DropoutOccasions.hasAutomatedKind(touches);
    Dataset<Row> histories =
        DropoutOccasions.histories(
                e.orders(),
                e.orderDays(),
                e.personal(),
                DropoutOccasions.outreachTouches(touches, zone),
                t,
                zone)
            .persist(StorageLevel.MEMORY_AND_DISK());
    long population;
    List<Row> rows;
    try {
      population = histories.count();
      rows =
          Sampling.capped(histories, DROPOUT_SAMPLE_CUSTOMERS, population)
              .orderBy(Columns.CUSTOMER_ID)
              .collectAsList();
    } finally {
      histories.unpersist();
    }
    DropoutOccasions.Prepared prepared =
        DropoutOccasions.prepare(rows, t, settings.bgnbdTimeUnit().days());
    prepared.notes().forEach(n -> summary.note("dropout model: " + n));
    if (!kinds) {
      summary.note(
          "dropout model: tables/touches does not say which automated touches are outreach; every"
              + " automated touch counts as outreach");
    }
    if (prepared.customers().isEmpty()) {
      summary.note("dropout model: not fitted, no customer with a completed order before T");
      return;
    }
    if (!prepared.terms().contains(DropoutOccasions.PERSONAL)
        && !prepared.terms().contains(DropoutOccasions.OUTREACH)) {
      summary.note("dropout model: not fitted, no touch before any repeat purchase");
      return;
    }
    long t0 = System.nanoTime();
    DynamicBgNbd.Fit fit;
    try {
      fit =
          DynamicBgNbd.fit(
              "completed orders and touches before "
                  + ctx.asOf()
                  + ", "
                  + prepared.customers().size()
                  + " of "
                  + population
                  + " customers, in "
                  + settings.bgnbdTimeUnit().name().toLowerCase(java.util.Locale.ROOT)
                  + "s",
              prepared.customers(),
              prepared.terms());
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException ex) {
      summary.note("dropout model: not fitted: " + ex.getMessage());
      return;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String name = RetentionTables.DROPOUT_DYNAMIC;
    long n = fit.customers();
    model.value(name, "converged", fit.status().usable() ? 1 : 0, n);
    if (!fit.status().usable()) {
      summary.note(
          "dropout model: "
              + fit.status().describe()
              + "; no hazard ratios are written (the report falls back to the Cox model)");
      return;
    }
    fit.estimates().forEach(est -> model.ratio(name, est, n));
    String[] params = {"r", "alpha", "a", "b"};
    for (int k = 0; k < params.length; k++) {
      model.parameter(name, params[k], fit.params()[k], fit.paramErrors()[k], n);
    }
    model.test(name, "likelihood_ratio", fit.likelihoodRatio(), fit.likelihoodRatioP(), n);
    model.value(name, "log_likelihood", fit.logLikelihood(), n);
    model.value(name, "customers_in_population", population, n);
    summary.dropout(fit, population);
    ctx.progress().line("  dropout model fitted in %.1f s", seconds);
  }

  private static void backtest(
      RunContext ctx,
      RetentionSettings settings,
      RetentionSummary summary,
      ModelRows model,
      Events e,
      boolean contracts) {
    int h = ctx.config().horizonDays();
    String zone = ctx.config().timeZone().getId();
    LocalDate trainAt = ctx.asOf().minusDays(2L * h);
    LocalDate testAt = ctx.asOf().minusDays(h);
    ctx.spark().sparkContext().setJobDescription("retention: logistic backtest");
    Dataset<Row> train = labelled(e, trainAt, h, zone, contracts);
    Dataset<Row> test = labelled(e, testAt, h, zone, contracts);
    Backtest.Result r;
    try {
      r =
          Backtest.run(
              train,
              test,
              settings.calibrationBins(),
              "fitted at " + trainAt + ", evaluated at " + testAt);
    } catch (IllegalArgumentException | IllegalStateException ex) {
      summary.note("logistic backtest: not fitted: " + ex.getMessage());
      return;
    }
    String name = Backtest.MODEL;
    r.fit().estimates().forEach(est -> model.ratio(name, est, r.trainN()));
    model.value(name, "log_likelihood", r.fit().logLikelihood(), r.trainN());
    model.value(name, "pseudo_r2", r.fit().pseudoRSquared(), r.trainN());
    model.value(name, "auc", r.auc(), r.testN());
    model.value(name, "brier", r.brier(), r.testN());
    model.value(name, "lift_top_decile", r.topDecileLift(), r.testN());
    model.value(name, "observed_retention", r.observedRate(), r.testN());
    var cal = r.calibration();
    for (int i = 0; i < cal.rowCount(); i++) {
      String bin =
          String.format(java.util.Locale.ROOT, "calibration_bin_%02d", cal.intColumn("bin").get(i));
      long n = cal.intColumn("n").get(i);
      model.value(name, bin + "_predicted", cal.doubleColumn("mean_predicted").get(i), n);
      model.proportion(
          name,
          bin + "_observed",
          cal.doubleColumn("observed").get(i),
          cal.doubleColumn("observed_lower95").get(i),
          cal.doubleColumn("observed_upper95").get(i),
          n);
    }
    summary.backtest(r);
  }

  /** The features at a cut-off joined to the labels of the same cut-off. */
  private static Dataset<Row> labelled(
      Events e, LocalDate cutoff, int horizon, String zone, boolean contracts) {
    Dataset<Row> labels =
        RetentionLabels.at(e.customers(), e.orders(), cutoff, horizon, zone, contracts);
    Dataset<Row> population =
        e.customers()
            .select(Columns.CUSTOMER_ID, Columns.CUSTOMER_SINCE)
            .join(
                labels.select(Columns.CUSTOMER_ID),
                new String[] {Columns.CUSTOMER_ID},
                "left_semi");
    return Covariates.at(
            population, e.personal(), e.automated(), e.orderDays(), cutoff.toEpochDay())
        .join(
            labels.select(Columns.CUSTOMER_ID, RetentionLabels.IS_RETAINED),
            new String[] {Columns.CUSTOMER_ID},
            "inner");
  }

  /** The stage's inputs and the day-level events derived from them. */
  private record Events(
      Dataset<Row> customers,
      Dataset<Row> orders,
      Dataset<Row> orderDays,
      Dataset<Row> personal,
      Dataset<Row> automated) {}

  private static void customerValue(
      RunContext ctx,
      RetentionSettings settings,
      RetentionSummary summary,
      ModelRows model,
      Dataset<Row> orderDays) {
    ctx.spark().sparkContext().setJobDescription("retention: BG/NBD and Gamma-Gamma");
    var unit = settings.bgnbdTimeUnit();
    long t0 = System.nanoTime();
    PurchaseModelFile.Stored shared =
        PurchaseModelFile.read(ctx.dir().resolve(PurchaseModelFile.FILE));
    CustomerValue.Result r;
    try {
      r =
          CustomerValue.fit(
              CustomerValue.summaries(orderDays, ctx.asOf().toEpochDay(), unit),
              ctx.config().horizonDays() / unit.days(),
              ctx.config().horizonDays(),
              "completed orders before " + ctx.asOf(),
              shared == null ? null : shared.inUnitOfDays(unit.days()),
              ctx.config().section(ScoreSettings.class).penalizerCoef());
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException ex) {
      summary.note("BG/NBD: not fitted: " + ex.getMessage());
      return;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    var bg = r.bgnbd();
    long n = Math.round(bg.customers());
    model.value("bgnbd", "converged", r.bgnbdStatus().usable() ? 1 : 0, n);
    if (r.bgnbdStatus().usable()) {
      double[] se = bg.stdErrors();
      model.parameter("bgnbd", "r", bg.r(), se[0], n);
      model.parameter("bgnbd", "alpha", bg.alpha(), se[1], n);
      model.parameter("bgnbd", "a", bg.a(), se[2], n);
      model.parameter("bgnbd", "b", bg.b(), se[3], n);
      model.value("bgnbd", "log_likelihood", bg.logLikelihood(), n);
      model.value("bgnbd", "mean_p_alive", r.meanProbabilityAlive(), n);
      model.value("bgnbd", "mean_expected_purchases_horizon", r.meanExpectedPurchases(), n);
    } else {
      summary.note(
          "BG/NBD: "
              + r.bgnbdStatus().describe()
              + ": no P(alive) or expected purchases; its parameters are not written");
    }
    var gg = r.gammaGamma();
    if (gg != null && !gg.status().usable()) {
      summary.note(
          "Gamma-Gamma: "
              + gg.status().describe()
              + " (spend per purchase does not follow one Gamma-Gamma population, e.g. a business"
              + " mixing small and large tickets); its parameters are not written");
      model.value("gamma_gamma", "converged", 0, gg.customers());
    } else if (gg != null) {
      long m = gg.customers();
      model.value("gamma_gamma", "converged", 1, m);
      double[] gse = gg.stdErrors();
      model.parameter("gamma_gamma", "p", gg.p(), gse[0], m);
      model.parameter("gamma_gamma", "q", gg.q(), gse[1], m);
      model.parameter("gamma_gamma", "gamma", gg.gamma(), gse[2], m);
      model.value("gamma_gamma", "log_likelihood", gg.logLikelihood(), m);
      model.value("gamma_gamma", "mean_expected_spend", r.meanExpectedSpend(), m);
    }
    summary.customerValue(r);
    ctx.progress().line("  BG/NBD and Gamma-Gamma fitted in %.1f s", seconds);
  }
}
