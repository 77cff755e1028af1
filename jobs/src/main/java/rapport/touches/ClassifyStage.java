package rapport.touches;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.run.RunContext;
import rapport.run.Stage;
import rapport.schema.Columns;
import rapport.schema.Schemas;
import rapport.schema.Touches;

/**
 * The classify stage: reads interactions, customers (and orders and reps when the run has them),
 * writes {@code tables/touches} with one row per interaction before the as-of date.
 */
public final class ClassifyStage implements Stage {
  /** Names beyond this many (the rarest) are not masked: a guard for the driver's memory. */
  static final int MAX_NAMES = 500_000;

  @Override
  public String name() {
    return "classify";
  }

  @Override
  public List<String> needs() {
    // interactions are optional (SPEC §5.1): without them the touches table is empty
    return List.of(Schemas.CUSTOMERS.name());
  }

  public static String description() {
    return "Tell automated touches from personal ones: templates, bursts, conversations and"
        + " specificity to the customer; write tables/touches with a score and reasons.";
  }

  @Override
  public Stage.Result run(RunContext ctx) {
    TouchSettings settings = ctx.config().section(TouchSettings.class);
    if (!ctx.hasTable(Schemas.INTERACTIONS.name())) {
      ctx.writeTable(
          Touches.TABLE,
          ctx.spark().createDataFrame(List.<Row>of(), Touches.SCHEMA),
          0,
          Columns.INTERACTION_ID);
      ctx.progress()
          .line(
              "  no interactions input: no touches to classify; the touch-based parts will say"
                  + " there were none");
      return ctx.result();
    }
    Dataset<Row> interactions = ctx.table(Schemas.INTERACTIONS.name());
    Dataset<Row> customers = ctx.table(Schemas.CUSTOMERS.name());
    Dataset<Row> orders =
        ctx.hasTable(Schemas.ORDERS.name()) ? ctx.table(Schemas.ORDERS.name()) : null;
    Dataset<Row> reps = ctx.hasTable(Schemas.REPS.name()) ? ctx.table(Schemas.REPS.name()) : null;
    Instant cut = ctx.asOf().atStartOfDay(ctx.config().timeZone()).toInstant();
    ctx.spark().sparkContext().setJobDescription("classify: names and reps");
    ClassifyTouches.Inputs in =
        new ClassifyTouches.Inputs(
            names(customers, reps), repIds(reps), cut, ctx.config().timeZone(), settings);
    Dataset<Row> touches = ClassifyTouches.classify(interactions, customers, orders, in).cache();
    ctx.spark().sparkContext().setJobDescription("classify: touches");
    ctx.progress().follow(ctx.spark(), "classifying touches");
    List<Row> kinds;
    try {
      kinds =
          touches
              .groupBy(Touches.TOUCH_KIND)
              .agg(count(lit(1)).as("n"))
              .orderBy(Touches.TOUCH_KIND)
              .collectAsList();
    } finally {
      ctx.progress().stopFollowing();
    }
    long rows = kinds.stream().mapToLong(r -> r.getLong(1)).sum();
    long all = ctx.tableRows(Schemas.INTERACTIONS.name());
    ctx.writeTable(Touches.TABLE, touches, rows, Columns.INTERACTION_ID);
    touches.unpersist();
    StringBuilder summary = new StringBuilder();
    for (Row k : kinds) {
      summary.append(", ").append(k.getString(0)).append(' ').append(k.getLong(1));
    }
    ctx.progress()
        .line(
            "classify: %d touches%s%s",
            rows,
            summary,
            all > rows
                ? String.format("; %d interactions on or after %s left out", all - rows, ctx.asOf())
                : "");
    return ctx.result();
  }

  /** Lower-cased first and last names of customers and reps, the most frequent first. */
  static Set<String> names(Dataset<Row> customers, Dataset<Row> reps) {
    Dataset<Row> names =
        customers
            .select(col(Columns.FIRST_NAME).as("n"))
            .union(customers.select(col(Columns.LAST_NAME).as("n")));
    if (reps != null) {
      names = names.union(reps.select(explode(split(col(Columns.NAME), "\\s+")).as("n")));
    }
    List<Row> rows =
        names
            .select(lower(trim(col("n"))).as("n"))
            .filter(col("n").isNotNull().and(col("n").rlike("^\\p{L}[\\p{L}'-]*$")))
            .groupBy("n")
            .agg(count(lit(1)).as("c"))
            .orderBy(col("c").desc(), col("n"))
            .limit(MAX_NAMES)
            .collectAsList();
    Set<String> out = new LinkedHashSet<>();
    for (Row r : rows) {
      out.add(r.getString(0));
    }
    return out;
  }

  static Set<String> repIds(Dataset<Row> reps) {
    Set<String> out = new LinkedHashSet<>();
    if (reps != null) {
      for (Row r : reps.select(Columns.REP_ID).orderBy(Columns.REP_ID).collectAsList()) {
        out.add(r.getString(0));
      }
    }
    return out;
  }
}
