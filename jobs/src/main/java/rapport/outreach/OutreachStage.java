package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.errors.RapportException;
import rapport.run.Pipeline;
import rapport.run.RunContext;
import rapport.run.RunFiles;
import rapport.run.RunFolder;
import rapport.run.Stage;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.RetentionTables;
import rapport.schema.Schemas;
import rapport.schema.Scores;
import rapport.schema.Touches;

/**
 * The outreach stage (SPEC §6.4, §7.1): who each rep should call this week, why, on which occasion
 * and about what; the random holdout; and the files a CRM imports unedited.
 */
public final class OutreachStage implements Stage {
  public static final String MANIFEST = "outreach.manifest.json";
  public static final String IMPORT_GUIDE = "IMPORT.md";

  static final List<String> SCORE_COLUMNS =
      List.of(
          Columns.CUSTOMER_ID,
          Scores.RETENTION_PROBABILITY,
          Scores.EXPECTED_VALUE,
          Scores.RELATIONSHIP_SCORE,
          Scores.REASON_CODES);

  @Override
  public String name() {
    return "outreach";
  }

  @Override
  public List<String> needs() {
    return List.of(Schemas.CUSTOMERS.name(), Scores.TABLE);
  }

  public static String description() {
    return "Rank each rep's customers by the value one personal touch keeps; hold out a random"
        + " share; write the outreach table and the CRM import files.";
  }

  @Override
  public void run(RunContext ctx) {
    OutreachSettings s = ctx.config().section(OutreachSettings.class);
    LocalDate asOf = ctx.asOf();
    ZoneId zone = ctx.config().timeZone();
    Instant before = asOf.atStartOfDay(zone).toInstant();

    Dataset<Row> customers = ctx.table(Schemas.CUSTOMERS.name());
    Dataset<Row> scores = ctx.table(Scores.TABLE);
    requireColumns(scores, SCORE_COLUMNS);
    requireUnique(scores, Scores.TABLE);
    Optional<Dataset<Row>> reps = optional(ctx, Schemas.REPS.name());
    Optional<Dataset<Row>> touches = optional(ctx, Touches.TABLE);
    Optional<Dataset<Row>> orders = optional(ctx, Schemas.ORDERS.name());
    Optional<Dataset<Row>> interactions = optional(ctx, Schemas.INTERACTIONS.name());
    TouchEffect effect =
        TouchEffect.from(optional(ctx, RetentionTables.MODEL), s.defaultHazardRatio());
    ctx.progress().line("outreach: %s", effect.describe());

    Optional<Dataset<Row>> daysSince =
        Arrays.asList(scores.columns()).contains(Scores.DAYS_SINCE_PERSONAL_TOUCH)
            ? Optional.of(scores)
            : touches.map(t -> daysSincePersonal(t, asOf, zone));
    Dataset<Row> all =
        Eligibility.withSuppression(customers, scores, daysSince, asOf, s.recentTouchDays())
            .persist();
    Map<String, Long> suppressed = new TreeMap<>();
    long customerCount = 0;
    for (Row r : all.groupBy(col(Eligibility.SUPPRESSION)).count().collectAsList()) {
      customerCount += r.getLong(1);
      if (!r.isNullAt(0)) {
        suppressed.put(r.getString(0), r.getLong(1));
      }
    }
    Dataset<Row> eligible =
        Eligibility.withPriority(all.filter(col(Eligibility.SUPPRESSION).isNull()), effect)
            .drop(Eligibility.SUPPRESSION);

    Roster roster = Roster.of(reps, customers, s.defaultWeeklyCapacity(), s.holdoutShare());
    Assignment.Result assigned =
        Assignment.assign(ctx.spark(), eligible, roster, s.holdoutShare(), s.holdoutSeed(), asOf);
    Dataset<Row> candidates = assigned.candidates().persist();

    Dataset<Row> enriched = candidates;
    Dataset<Row> ids = candidates.select(Columns.CUSTOMER_ID, Columns.HOUSEHOLD_ID);
    enriched = leftJoin(enriched, Occasions.birthdays(ids, customers, asOf, s.occasionDays()));
    if (orders.isPresent()) {
      enriched =
          leftJoin(
              enriched,
              Occasions.anniversaries(ids, orders.get(), asOf, s.occasionDays(), zone.getId()));
    } else {
      enriched =
          enriched
              .withColumn(Occasions.ANNIVERSARY_DATE, lit(null).cast("date"))
              .withColumn(Occasions.ANNIVERSARY_YEARS, lit(null).cast("int"));
    }
    if (interactions.isPresent()) {
      Dataset<Row> notes = Notes.of(interactions.get(), touches, ids, before).persist();
      enriched = leftJoin(enriched, Occasions.openConcerns(notes, before, s.concernDays()));
      enriched =
          leftJoin(
              enriched,
              TalkingPoints.of(
                  notes, before, s.notesDays(), s.talkingPointsMax(), s.talkingPointsMaxChars()));
    } else {
      enriched =
          enriched
              .withColumn(Occasions.CONCERN, lit(null).cast("string"))
              .withColumn(Occasions.CONCERN_AT, lit(null).cast("timestamp"))
              .withColumn(Outreach.TALKING_POINTS, lit(null).cast("string"));
    }
    Dataset<Row> contact =
        customers.select(col(Columns.CUSTOMER_ID).as("_cid"), col(Columns.EMAIL));
    enriched =
        enriched
            .join(contact, col(Columns.CUSTOMER_ID).equalTo(col("_cid")), "left_outer")
            .drop("_cid");
    Dataset<Row> repEmails = repEmails(ctx, roster);
    enriched =
        enriched
            .join(broadcast(repEmails), col(Outreach.REP_ID).equalTo(col("_rid")), "left_outer")
            .drop("_rid");

    List<OutreachRow> rows = OutreachList.of(enriched.collectAsList(), asOf, zone, s);
    ctx.writeTable(
        Outreach.TABLE,
        ctx.spark()
            .createDataFrame(rows.stream().map(OutreachList::toTableRow).toList(), Outreach.SCHEMA),
        rows.size(),
        Columns.CUSTOMER_ID);

    // the run folder's one id, as in manifest.json: a re-import after a rerun finds the same id
    String runId = Pipeline.runId(ctx);
    Path folder = ctx.dir().resolve(CrmFiles.FOLDER);
    RunFolder.delete(folder);
    CrmFiles.Written written = CrmFiles.write(ctx.dir(), rows, runId, s);
    List<SafeCsv.Written> files = new ArrayList<>(written.files());
    Optional<Path> previous = ctx.previousRun(Delta::wroteOutreach);
    if (previous.isPresent()) {
      files.addAll(
          SafeCsv.write(
              ctx.dir(),
              CrmFiles.FOLDER,
              Delta.FILE,
              Delta.HEADER,
              Delta.rows(rows, Delta.read(ctx.spark(), previous.get())),
              Integer.MAX_VALUE,
              s.csvDialect()));
    }
    files.forEach(f -> ctx.recordOutput(f.path(), f.rows()));
    SalesforceTasks sf = new SalesforceTasks(s.salesforce(), runId);
    writeText(
        folder.resolve(IMPORT_GUIDE),
        ImportGuide.render(
            runId,
            asOf.toString(),
            files,
            s,
            sf.header(),
            new ImportGuide.ListCounts(
                customerCount,
                suppressed,
                rows.size(),
                rows.stream().filter(r -> !r.isHoldout()).count(),
                written.unmatched())));
    writeText(
        folder.resolve(MANIFEST),
        manifest(
            runId,
            asOf,
            effect,
            customerCount,
            suppressed,
            rows,
            assigned.orphansWithoutSlot(),
            written.unmatched(),
            files,
            previous,
            touches.isPresent()));
    long contacted = rows.stream().filter(r -> !r.isHoldout()).count();
    ctx.progress()
        .line(
            "outreach: %s customers, %s eligible candidates, %s to contact, %s held out, %s"
                + " unmatched rows",
            rapport.run.Progress.count(customerCount),
            rapport.run.Progress.count(rows.size()),
            rapport.run.Progress.count(contacted),
            rapport.run.Progress.count(rows.size() - contacted),
            rapport.run.Progress.count(written.unmatched().size()));
    candidates.unpersist();
    all.unpersist();
  }

  /** Days from the last personal touch before T to T, from the classify stage's touches. */
  static Dataset<Row> daysSincePersonal(Dataset<Row> touches, LocalDate asOf, ZoneId zone) {
    Instant t = asOf.atStartOfDay(zone).toInstant();
    return touches
        .filter(col(Touches.TOUCH_KIND).equalTo(Touches.PERSONAL))
        .filter(col(Columns.OCCURRED_AT).lt(lit(java.sql.Timestamp.from(t))))
        .groupBy(col(Columns.CUSTOMER_ID))
        .agg(max(col(Columns.OCCURRED_AT)).as("_last"))
        .select(
            col(Columns.CUSTOMER_ID),
            datediff(
                    lit(java.sql.Date.valueOf(asOf)),
                    to_date(from_utc_timestamp(col("_last"), zone.getId())))
                .as(Scores.DAYS_SINCE_PERSONAL_TOUCH));
  }

  private static Dataset<Row> repEmails(RunContext ctx, Roster roster) {
    List<Row> r = new ArrayList<>();
    roster
        .reps()
        .values()
        .forEach(rep -> r.add(org.apache.spark.sql.RowFactory.create(rep.repId(), rep.email())));
    return ctx.spark()
        .createDataFrame(
            r,
            new org.apache.spark.sql.types.StructType()
                .add("_rid", "string", false)
                .add("rep_email", "string", true));
  }

  /** Joins a per-customer table (customer_id unique by construction: a groupBy) onto the list. */
  private static Dataset<Row> leftJoin(Dataset<Row> list, Dataset<Row> perCustomer) {
    Dataset<Row> p = perCustomer.withColumnRenamed(Columns.CUSTOMER_ID, "_jid");
    return list.join(p, col(Columns.CUSTOMER_ID).equalTo(p.col("_jid")), "left_outer").drop("_jid");
  }

  private static Optional<Dataset<Row>> optional(RunContext ctx, String table) {
    return ctx.hasTable(table) ? Optional.of(ctx.table(table)) : Optional.empty();
  }

  static void requireColumns(Dataset<Row> scores, List<String> columns) {
    List<String> have = Arrays.asList(scores.columns());
    for (String c : columns) {
      if (!have.contains(c)) {
        throw RapportException.input(
            "tables/%s has no column %s, which outreach needs: rerun ./rapport score",
            Scores.TABLE, c);
      }
    }
  }

  static void requireUnique(Dataset<Row> table, String name) {
    List<Row> dup =
        table
            .groupBy(col(Columns.CUSTOMER_ID))
            .count()
            .filter(col("count").gt(1))
            .limit(1)
            .collectAsList();
    if (!dup.isEmpty()) {
      throw RapportException.input(
          "tables/%s holds customer_id %s %d times; it must be unique: rerun ./rapport score",
          name, dup.get(0).getString(0), dup.get(0).getLong(1));
    }
  }

  private static void writeText(Path target, String text) {
    RunFiles.writeString(target, text);
  }

  private static String manifest(
      String runId,
      LocalDate asOf,
      TouchEffect effect,
      long customers,
      Map<String, Long> suppressed,
      List<OutreachRow> rows,
      Map<String, Long> orphansWithoutSlot,
      List<CrmFiles.Unmatched> unmatched,
      List<SafeCsv.Written> files,
      Optional<Path> previous,
      boolean classified) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode m = json.createObjectNode();
    m.put("run_id", runId);
    m.put("as_of", asOf.toString());
    ObjectNode e = m.putObject("touch_effect");
    e.put("source", effect.source());
    e.put("model", TouchEffect.MODEL);
    e.put("term", TouchEffect.TERM);
    e.put("hazard_ratio", effect.hazardRatio());
    putNullable(e, "hazard_ratio_lower95", effect.lower95());
    putNullable(e, "hazard_ratio_upper95", effect.upper95());
    if (effect.n() == null) {
      e.putNull("n");
    } else {
      e.put("n", effect.n());
    }
    e.put("description", effect.describe());
    if (effect.isNoBenefit()) {
      e.put(
          "warning",
          "the estimated hazard ratio is not below 1: a personal touch is not estimated to help,"
              + " so every priority is 0 and rows are ordered by value at risk");
    }
    e.put(
        "formula",
        "priority = (1 - S) * EV * effect, effect = (S^HR - S) / (1 - S), i.e. EV * (S^HR - S)");
    ObjectNode counts = m.putObject("counts");
    counts.put("customers", customers);
    ObjectNode sup = counts.putObject("suppressed");
    suppressed.forEach(sup::put);
    long holdout = rows.stream().filter(OutreachRow::isHoldout).count();
    counts.put("candidates", rows.size());
    counts.put("contacted", rows.size() - holdout);
    counts.put("holdout", holdout);
    counts.put("handoffs", rows.stream().filter(r -> !r.isHoldout() && r.isHandoff()).count());
    ObjectNode orphan = counts.putObject("handoffs_without_spare_capacity_by_team");
    orphansWithoutSlot.forEach((team, n) -> orphan.put(team.isEmpty() ? "(none)" : team, n));
    ObjectNode un = counts.putObject("unmatched");
    Map<String, Long> byReason = new TreeMap<>();
    unmatched.forEach(u -> byReason.merge(u.target() + ":" + u.reasonCode(), 1L, Long::sum));
    byReason.forEach(un::put);
    m.put(
        "touch_kinds_from",
        classified ? "tables/touches" : "author_type and direction (no tables/touches)");
    m.put("previous_run", previous.map(p -> p.getFileName().toString()).orElse(null));
    ArrayNode fs = m.putArray("files");
    for (SafeCsv.Written f : files) {
      fs.addObject()
          .put("path", f.path().substring(f.path().indexOf('/') + 1))
          .put("rows", f.rows())
          .put("sha256", f.sha256());
    }
    try {
      return json.writeValueAsString(m) + "\n";
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static void putNullable(ObjectNode n, String key, Double v) {
    if (v == null) {
      n.putNull(key);
    } else {
      n.put(key, v);
    }
  }
}
