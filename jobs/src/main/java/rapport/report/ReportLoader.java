package rapport.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rapport.domain.RetentionLabels;
import rapport.errors.RapportException;
import rapport.ingest.IngestStage;
import rapport.ingest.QualityReport;
import rapport.outreach.CrmFiles;
import rapport.outreach.EmptyFiles;
import rapport.outreach.OutreachManifest;
import rapport.outreach.OutreachStage;
import rapport.report.ReportData.CalibrationBin;
import rapport.report.ReportData.CurvePoint;
import rapport.report.ReportData.CustomerValue;
import rapport.report.ReportData.InputQuality;
import rapport.report.ReportData.ModelTerm;
import rapport.report.ReportData.MonthTouches;
import rapport.report.ReportData.RepOutreach;
import rapport.report.ReportData.RunFacts;
import rapport.report.ReportData.ScoreSummary;
import rapport.report.ReportData.Segment;
import rapport.run.RunLayout;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.ReportInputs;
import rapport.schema.RetentionTables;
import rapport.schema.Schemas;
import rapport.schema.Scores;
import rapport.schema.Touches;

/**
 * Reads what the report needs from one run folder (this run's staging folder, or an earlier
 * committed run): small tables are collected as they are, big ones through {@link
 * ReportAggregates}. Whatever is absent is listed in words.
 */
public final class ReportLoader {
  private ReportLoader() {}

  /**
   * @param months how many completed calendar months the touches chart covers
   */
  public static ReportData load(
      SparkSession spark, Path folder, RunFacts facts, ZoneId zone, int months) {
    Path tables = folder.resolve("tables");
    List<String> missing = new ArrayList<>();
    Dataset<Row> customers = table(spark, tables, Schemas.CUSTOMERS.name());
    long customerCount = customers == null ? 0 : customers.count();
    if (customers == null) {
      missing.add("customers: no tables/customers (ingest has not run)");
    }

    List<Segment> segments = new ArrayList<>();
    Dataset<Row> seg = table(spark, tables, RetentionTables.SEGMENTS);
    if (seg == null) {
      missing.add(
          "retention by touch mix: no tables/retention_segments (the retention stage has not run)");
    } else {
      for (Row r :
          seg.orderBy(RetentionTables.SEGMENT_KIND, RetentionTables.SEGMENT).collectAsList()) {
        segments.add(segment(r));
      }
      if (segments.stream().allMatch(x -> x.n() == 0)) {
        segments.clear();
        missing.add(
            "retention by touch mix: no customer to follow in tables/retention_segments (none"
                + " had bought before the backtest cut-off)");
      }
    }

    List<CurvePoint> curves = new ArrayList<>();
    Dataset<Row> cur = table(spark, tables, RetentionTables.CURVES);
    if (cur == null) {
      missing.add("survival curves: no tables/retention_curves (the retention stage has not run)");
    } else {
      for (Row r :
          cur.orderBy(
                  RetentionTables.SEGMENT_KIND, RetentionTables.SEGMENT, RetentionTables.TIME_DAYS)
              .collectAsList()) {
        curves.add(curvePoint(r));
      }
      if (curves.isEmpty()) {
        missing.add("survival curves: no customer to follow in tables/retention_curves");
      }
    }

    List<ModelTerm> model = new ArrayList<>();
    Dataset<Row> mod = table(spark, tables, RetentionTables.MODEL);
    if (mod == null) {
      missing.add(
          "hazard ratios and model quality: no tables/retention_model (the retention stage has"
              + " not run)");
    } else {
      for (Row r :
          mod.orderBy(RetentionTables.FITTED_MODEL, RetentionTables.TERM).collectAsList()) {
        model.add(modelTerm(r));
      }
      if (model.stream().noneMatch(t -> t.model().startsWith("cox_"))) {
        missing.add(
            "hazard ratios and model quality: no Cox model in tables/retention_model (too few"
                + " customers or lapses to fit one)");
      }
    }

    List<CalibrationBin> calibration = calibration(model);
    if (mod != null && calibration.isEmpty()) {
      missing.add("backtest calibration: no calibration bins in tables/retention_model");
    }

    List<MonthTouches> perMonth = new ArrayList<>();
    Dataset<Row> touches = table(spark, tables, Touches.TABLE);
    if (touches == null) {
      missing.add("touches per month: no tables/touches (the classify stage has not run)");
    } else {
      if (touches.isEmpty()) {
        missing.add(
            "touches per month: tables/touches is empty (no interactions among the inputs)");
      } else {
        perMonth = fillMonths(touches, zone, facts.asOf(), months);
      }
    }

    Optional<ScoreSummary> scores = Optional.empty();
    Optional<CustomerValue> value = Optional.empty();
    Dataset<Row> sc = table(spark, tables, Scores.TABLE);
    if (sc == null) {
      missing.add(
          "relationship scores: no tables/relationship_scores (the score stage has not run)");
    } else {
      scores = Optional.of(scoreSummary(ReportAggregates.scoreSummary(sc).first()));
      if (List.of(sc.columns())
          .containsAll(
              List.of(Scores.P_ALIVE, Scores.EXPECTED_VALUE, Scores.RETENTION_PROBABILITY))) {
        value = Optional.of(customerValue(ReportAggregates.customerValue(sc).first()));
      }
      if (value.isEmpty() || value.get().n() == 0) {
        missing.add(
            "customer value: no finite P(alive) in tables/relationship_scores (no purchase model"
                + " was fitted)");
      }
    }

    List<RepOutreach> outreach = new ArrayList<>();
    Dataset<Row> out = table(spark, tables, Outreach.TABLE);
    if (out == null) {
      missing.add("outreach this week: no tables/outreach (the outreach stage has not run)");
    } else {
      Dataset<Row> reps = table(spark, tables, Schemas.REPS.name());
      for (Row r : ReportAggregates.outreachPerRep(out, reps).collectAsList()) {
        outreach.add(repOutreach(r));
      }
      if (outreach.isEmpty()) {
        missing.add(
            "outreach this week: nobody to contact"
                + emptyOutreach(folder.resolve(CrmFiles.FOLDER).resolve(OutreachStage.MANIFEST))
                    .map(why -> ", because " + why)
                    .orElse(" (tables/outreach is empty)"));
      }
    }
    Optional<Long> holdout = holdoutRows(folder.resolve(ReportInputs.HOLDOUT_FILE));
    if (out != null && holdout.isEmpty()) {
      missing.add("holdout: no " + ReportInputs.HOLDOUT_FILE + " in the run");
    }

    List<InputQuality> quality = quality(folder.resolve(IngestStage.REPORT));
    if (quality.isEmpty()) {
      missing.add("data quality: no " + IngestStage.REPORT + " in the run");
    }
    return new ReportData(
        facts,
        customerCount,
        currency(spark, tables),
        segments,
        curves,
        customers != null && RetentionLabels.hasContracts(customers),
        model,
        calibration,
        perMonth,
        scores,
        outreach,
        holdout,
        quality,
        missing,
        value);
  }

  /** Why the outreach list is empty, in the words of IMPORT.md, from the outreach manifest. */
  static Optional<String> emptyOutreach(Path manifest) {
    return OutreachManifest.counts(manifest)
        .flatMap(
            c ->
                EmptyFiles.emptyList(c.customers(), c.suppressed(), c.candidates(), c.contacted()));
  }

  /** A row of {@code tables/retention_segments}. */
  private static Segment segment(Row r) {
    return new Segment(
        r.getAs(RetentionTables.SEGMENT_KIND),
        r.getAs(RetentionTables.SEGMENT),
        r.<Long>getAs(RetentionTables.N),
        r.<Long>getAs(RetentionTables.RETAINED),
        doubleOr(r, RetentionTables.RETENTION_RATE, Double.NaN),
        doubleOr(r, RetentionTables.LOWER95, Double.NaN),
        doubleOr(r, RetentionTables.UPPER95, Double.NaN),
        r.getAs(RetentionTables.KM_MEDIAN_DAYS),
        r.getAs(RetentionTables.KM_MEDIAN_LOWER95),
        r.getAs(RetentionTables.KM_MEDIAN_UPPER95));
  }

  /** A row of {@code tables/retention_curves}. */
  private static CurvePoint curvePoint(Row r) {
    return new CurvePoint(
        r.getAs(RetentionTables.SEGMENT_KIND),
        r.getAs(RetentionTables.SEGMENT),
        r.<Double>getAs(RetentionTables.TIME_DAYS),
        r.<Double>getAs(RetentionTables.SURVIVAL),
        r.getAs(RetentionTables.LOWER95),
        r.getAs(RetentionTables.UPPER95),
        r.<Long>getAs(RetentionTables.AT_RISK));
  }

  /** A row of {@code tables/retention_model}. */
  private static ModelTerm modelTerm(Row r) {
    return new ModelTerm(
        r.getAs(RetentionTables.FITTED_MODEL),
        r.getAs(RetentionTables.TERM),
        r.getAs(RetentionTables.ESTIMATE),
        r.getAs(RetentionTables.STD_ERROR),
        r.getAs(RetentionTables.LOWER95),
        r.getAs(RetentionTables.UPPER95),
        r.getAs(RetentionTables.P),
        r.getAs(RetentionTables.N));
  }

  /** A row of {@link ReportAggregates#outreachPerRep}. */
  private static RepOutreach repOutreach(Row r) {
    return new RepOutreach(
        r.getAs(Columns.REP_ID),
        r.getAs(Columns.TEAM),
        r.<Long>getAs(ReportAggregates.CUSTOMERS),
        r.<Long>getAs(ReportAggregates.HANDOFFS),
        r.getAs(Columns.WEEKLY_CAPACITY),
        doubleOr(r, ReportAggregates.VALUE_AT_RISK, 0),
        doubleOr(r, ReportAggregates.VALUE_KEPT, 0),
        localDate(r.getAs(ReportAggregates.FIRST_DUE)),
        localDate(r.getAs(ReportAggregates.LAST_DUE)));
  }

  private static CustomerValue customerValue(Row r) {
    long[] bands = new long[10];
    for (int b = 0; b < 10; b++) {
      bands[b] = r.getAs(ReportAggregates.ALIVE + b);
    }
    return new CustomerValue(
        r.getAs(ReportAggregates.N),
        bands,
        doubleOr(r, Scores.EXPECTED_VALUE, 0),
        doubleOr(r, Outreach.EXPECTED_VALUE_AT_RISK, 0));
  }

  /** The calibration bins kept as pairs of rows of the logistic backtest, by bin. */
  static List<CalibrationBin> calibration(List<ModelTerm> model) {
    Map<Integer, ModelTerm> predicted = new TreeMap<>();
    Map<Integer, ModelTerm> observed = new TreeMap<>();
    for (ModelTerm t : model) {
      if (!t.model().equals(ReportInputs.LOGISTIC_BACKTEST)
          || !t.term().startsWith(ReportInputs.CALIBRATION_BIN_PREFIX)) {
        continue;
      }
      String rest = t.term().substring(ReportInputs.CALIBRATION_BIN_PREFIX.length());
      int cut = rest.indexOf('_');
      if (cut < 0) {
        continue;
      }
      int bin;
      try {
        bin = Integer.parseInt(rest.substring(0, cut));
      } catch (NumberFormatException e) {
        continue;
      }
      if (rest.endsWith(ReportInputs.PREDICTED_SUFFIX)) {
        predicted.put(bin, t);
      } else if (rest.endsWith(ReportInputs.OBSERVED_SUFFIX)) {
        observed.put(bin, t);
      }
    }
    List<CalibrationBin> out = new ArrayList<>();
    for (Map.Entry<Integer, ModelTerm> e : predicted.entrySet()) {
      ModelTerm o = observed.get(e.getKey());
      ModelTerm p = e.getValue();
      if (o == null || p.estimate() == null || o.estimate() == null || o.lower95() == null) {
        continue;
      }
      out.add(
          new CalibrationBin(
              e.getKey(),
              o.n() == null ? 0 : o.n(),
              p.estimate(),
              o.estimate(),
              o.lower95(),
              o.upper95()));
    }
    return out;
  }

  private static Dataset<Row> table(SparkSession spark, Path tables, String name) {
    return RunLayout.optionalTable(spark, tables.getParent(), name).orElse(null);
  }

  private static List<MonthTouches> fillMonths(
      Dataset<Row> touches, ZoneId zone, LocalDate asOf, int months) {
    Map<String, Row> byMonth = new TreeMap<>();
    for (Row r : ReportAggregates.touchesPerMonth(touches, zone, asOf, months).collectAsList()) {
      byMonth.put(r.getAs(ReportAggregates.MONTH), r);
    }
    List<MonthTouches> out = new ArrayList<>();
    YearMonth last = ReportAggregates.lastCompleteMonth(asOf);
    for (YearMonth m = last.minusMonths(months - 1L); !m.isAfter(last); m = m.plusMonths(1)) {
      Row r = byMonth.get(m.toString());
      out.add(
          r == null
              ? new MonthTouches(m, 0, 0, 0)
              : new MonthTouches(
                  m,
                  r.getAs(Touches.PERSONAL),
                  r.<Long>getAs(Touches.AUTOMATED),
                  r.<Long>getAs(Touches.INBOUND)));
    }
    return out;
  }

  private static ScoreSummary scoreSummary(Row r) {
    long[] bands = new long[10];
    for (int b = 0; b < 10; b++) {
      bands[b] = r.getAs(ReportAggregates.BAND + b);
    }
    return new ScoreSummary(
        r.getAs(ReportAggregates.N),
        doubleOr(r, ReportAggregates.MEAN_SCORE, Double.NaN),
        bands,
        r.getAs(ReportAggregates.MASKED),
        r.getAs(ReportAggregates.REP_DEPENDENT),
        doubleOr(r, ReportAggregates.MEAN_PERSONAL_INDEX, Double.NaN),
        doubleOr(r, ReportAggregates.MEAN_AUTOMATED_INDEX, Double.NaN));
  }

  /** The orders' currency when all orders carry the same one. */
  private static Optional<String> currency(SparkSession spark, Path tables) {
    Dataset<Row> orders = table(spark, tables, Schemas.ORDERS.name());
    if (orders == null || !List.of(orders.columns()).contains(Columns.CURRENCY)) {
      return Optional.empty();
    }
    List<Row> distinct =
        orders.select(Columns.CURRENCY).na().drop().distinct().limit(2).collectAsList();
    // ingestion lower-cases codes; ISO 4217 writes them in capitals
    return distinct.size() == 1
        ? Optional.of(distinct.get(0).getString(0).toUpperCase(java.util.Locale.ROOT))
        : Optional.empty();
  }

  static Optional<Long> holdoutRows(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      long n = 0;
      for (var ignored : p) {
        n++;
      }
      return Optional.of(n);
    } catch (IOException | RuntimeException e) {
      throw RapportException.input(
          "%s is not a readable CSV file (%s); rerun ./rapport outreach", file, e.getMessage());
    }
  }

  static List<InputQuality> quality(Path reportJson) {
    return QualityReport.read(reportJson).stream()
        .map(
            q ->
                new InputQuality(
                    q.input(),
                    q.format(),
                    q.rowsRead(),
                    q.rowsValid(),
                    q.rowsQuarantined(),
                    q.rowsWritten(),
                    q.quarantinedByReason(),
                    q.maxBadShare(),
                    q.withinTolerance(),
                    q.note()))
        .toList();
  }

  private static double doubleOr(Row r, String name, double fallback) {
    Object v = r.getAs(name);
    return v == null ? fallback : ((Number) v).doubleValue();
  }

  private static LocalDate localDate(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof Date d ? d.toLocalDate() : (LocalDate) v;
  }
}
