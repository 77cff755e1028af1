package rapport.outreach;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.run.Pipeline;
import rapport.run.Progress;
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
  public Stage.Result run(RunContext ctx) {
    OutreachSettings s = ctx.config().section(OutreachSettings.class);
    LocalDate asOf = ctx.asOf();
    ZoneId zone = ctx.config().timeZone();

    Dataset<Row> customers = ctx.table(Schemas.CUSTOMERS.name());
    Dataset<Row> scores = ctx.table(Scores.TABLE);
    ScoresInput.require(scores);
    Optional<Dataset<Row>> reps = optional(ctx, Schemas.REPS.name());
    Optional<Dataset<Row>> touches = optional(ctx, Touches.TABLE);
    Optional<Dataset<Row>> orders = optional(ctx, Schemas.ORDERS.name());
    Optional<Dataset<Row>> interactions = optional(ctx, Schemas.INTERACTIONS.name());
    TouchEffect effect =
        TouchEffect.from(optional(ctx, RetentionTables.MODEL), s.defaultHazardRatio());
    ctx.progress().line("outreach: %s", effect.describe());

    Optional<Dataset<Row>> daysSince =
        OutreachCandidates.daysSincePersonal(scores, touches, asOf, zone);
    Dataset<Row> all =
        Eligibility.withSuppression(customers, scores, daysSince, asOf, s.recentTouchDays())
            .persist();
    OutreachCandidates.Population population = OutreachCandidates.population(all);
    Dataset<Row> eligible = OutreachCandidates.eligible(all, effect);
    Roster roster = Roster.of(reps, customers, s.defaultWeeklyCapacity(), s.holdoutShare());
    Assignment.Result assigned =
        Assignment.assign(ctx.spark(), eligible, roster, s.holdoutShare(), s.holdoutSeed(), asOf);
    Dataset<Row> candidates = assigned.candidates().persist();
    Dataset<Row> enriched =
        OutreachCandidates.withContext(
            candidates,
            customers,
            orders,
            interactions,
            touches,
            OutreachCandidates.repEmails(ctx.spark(), roster),
            asOf,
            zone,
            s);

    List<OutreachRow> rows = OutreachList.of(enriched.collectAsList(), asOf, zone, s);
    ctx.writeTable(
        Outreach.TABLE,
        OutreachCandidates.table(ctx.spark(), rows),
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
    long contacted = rows.stream().filter(r -> !r.isHoldout()).count();
    writeText(
        folder.resolve(IMPORT_GUIDE),
        ImportGuide.render(
            runId,
            asOf.toString(),
            files,
            s,
            sf.header(),
            new ImportGuide.ListCounts(
                population.customers(),
                population.suppressed(),
                rows.size(),
                contacted,
                written.unmatched())));
    writeText(
        folder.resolve(MANIFEST),
        OutreachManifest.render(
            runId,
            asOf,
            effect,
            population.customers(),
            population.suppressed(),
            rows,
            assigned.orphansWithoutSlot(),
            written.unmatched(),
            files,
            previous,
            touches.isPresent()));
    ctx.progress()
        .line(
            "outreach: %s customers, %s eligible candidates, %s to contact, %s held out, %s"
                + " unmatched rows",
            Progress.count(population.customers()),
            Progress.count(rows.size()),
            Progress.count(contacted),
            Progress.count(rows.size() - contacted),
            Progress.count(written.unmatched().size()));
    candidates.unpersist();
    all.unpersist();
    return ctx.result();
  }

  private static Optional<Dataset<Row>> optional(RunContext ctx, String table) {
    return ctx.hasTable(table) ? Optional.of(ctx.table(table)) : Optional.empty();
  }

  private static void writeText(Path target, String text) {
    RunFiles.writeString(target, text);
  }
}
