package rapport.retention;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import rapport.run.RunContext;
import rapport.run.Stage;
import rapport.schema.RetentionTables;
import rapport.schema.Schemas;
import rapport.schema.Scores;
import rapport.schema.Touches;
import rapport.scores.PurchaseModelFile;
import rapport.scores.ScoreSettings;

/**
 * SPEC §6.3: links touches to retention. Reads customers, orders and touches (and the relationship
 * scores when the score stage ran); writes {@code tables/retention_segments}, {@code
 * tables/retention_curves}, {@code tables/retention_model} and {@code retention/summary.txt}. Every
 * estimate is observational: it describes who was touched and who stayed, not what a touch causes;
 * the outreach holdout measures that. The analyses are {@link RetentionSegments}, {@link
 * RetentionCox}, {@link RetentionDropout} (purchase businesses), {@link RetentionBacktest} and
 * {@link RetentionValue}; this class reads, calls them and writes.
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
  public Stage.Result run(RunContext ctx) {
    RetentionSettings settings = ctx.config().section(RetentionSettings.class);
    RetentionSummary summary;
    ModelRows model = new ModelRows();
    try (RetentionEvents events =
        RetentionEvents.of(
            ctx.table(Schemas.CUSTOMERS.name()),
            ctx.table(Schemas.ORDERS.name()),
            ctx.table(Touches.TABLE),
            ctx.asOf(),
            ctx.config().horizonDays(),
            ctx.config().timeZone().getId())) {
      summary = new RetentionSummary(ctx.asOf(), events.horizon(), events.contracts(), settings);
      RetentionSegments.Tables segments =
          RetentionSegments.of(
              events,
              ctx.hasTable(Scores.TABLE) ? ctx.table(Scores.TABLE) : null,
              settings,
              summary);
      ctx.writeTable(
          RetentionTables.SEGMENTS,
          segments.segments(ctx.spark()),
          segments.segmentRows().size(),
          RetentionTables.SEGMENT_KIND,
          RetentionTables.SEGMENT);
      ctx.writeTable(
          RetentionTables.CURVES,
          segments.curves(ctx.spark()),
          segments.curveRows().size(),
          RetentionTables.SEGMENT_KIND,
          RetentionTables.SEGMENT,
          RetentionTables.TIME_DAYS);
      log(ctx, RetentionCox.fit(events, settings, df -> personPeriods(ctx, df), summary, model));
      if (!events.contracts()) {
        log(
            ctx,
            RetentionDropout.fit(
                events, settings, summary, model, ctx.tableRows(Schemas.CUSTOMERS.name())));
      }
      RetentionBacktest.fit(events, settings, summary, model);
      log(
          ctx,
          RetentionValue.fit(
              events,
              settings,
              PurchaseModelFile.read(ctx.dir().resolve(PurchaseModelFile.FILE)),
              ctx.config().section(ScoreSettings.class).penalizerCoef(),
              summary,
              model));
    }
    List<Row> rows = model.rows();
    ctx.writeTable(
        RetentionTables.MODEL,
        ctx.spark().createDataFrame(rows, RetentionTables.MODEL_SCHEMA),
        rows.size(),
        RetentionTables.FITTED_MODEL,
        RetentionTables.TERM);
    String text = summary.text();
    text.lines().forEach(l -> ctx.progress().line("%s", l));
    ctx.writeText(SUMMARY, text);
    return ctx.result();
  }

  /** The person-periods written once to the run's work folder and read back. */
  private static Dataset<Row> personPeriods(RunContext ctx, Dataset<Row> personPeriods) {
    Path work = ctx.checkpoint("retention", "person_periods");
    ctx.progress().follow(ctx.spark(), "building person-periods");
    try {
      personPeriods.write().mode(SaveMode.Overwrite).parquet(work.toString());
    } finally {
      ctx.progress().stopFollowing();
    }
    // with the schema it was written with: reading it from the files would take a Spark job
    return ctx.spark().read().schema(personPeriods.schema()).parquet(work.toString());
  }

  private static void log(RunContext ctx, java.util.Optional<String> line) {
    line.ifPresent(l -> ctx.progress().line("%s", l));
  }
}
