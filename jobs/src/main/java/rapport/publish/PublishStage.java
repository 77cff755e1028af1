package rapport.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.config.RapportConfig;
import rapport.errors.BuildInfo;
import rapport.errors.RapportException;
import rapport.run.Pipeline;
import rapport.run.RunContext;
import rapport.run.Stage;
import rapport.schema.Outreach;
import rapport.schema.Scores;

/**
 * {@code publish}: the run's outreach rows and relationship scores into the configured PostgreSQL
 * database ({@code sinks.postgres}), in one transaction that replaces the rows of the as-of date.
 * {@code run} runs it last when a sink is configured. It writes {@code publish/postgres.json} into
 * the run folder: where it published, and the rows of each table.
 */
public final class PublishStage implements Stage {
  public static final String NAME = "publish";
  public static final String RECORD = "publish/postgres.json";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> needs() {
    return List.of(Scores.TABLE, Outreach.TABLE);
  }

  public static String description() {
    return "Publish the outreach rows and relationship scores into the PostgreSQL database of"
        + " sinks.postgres, replacing that as-of date's rows.";
  }

  /** Whether the configuration names a sink ({@code run} publishes only then). */
  public static boolean configured(RapportConfig config) {
    return config.section(SinkSettings.class).postgres().isPresent();
  }

  @Override
  public Stage.Result run(RunContext ctx) {
    SinkSettings.Postgres sink =
        ctx.config()
            .section(SinkSettings.class)
            .postgres()
            .orElseThrow(
                () ->
                    RapportException.usage(
                        "%s configures no sinks.postgres to publish to: add sinks.postgres (url,"
                            + " user, password_env, schema) to it, see README",
                        ctx.config().file()));
    Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put(Outreach.TABLE, ctx.table(Outreach.TABLE));
    tables.put(Scores.TABLE, ctx.table(Scores.TABLE));
    String runId = Pipeline.runId(ctx);
    ctx.spark().sparkContext().setJobDescription("publish: rows to PostgreSQL");
    Map<String, Long> rows =
        Postgres.publish(
            sink,
            new Postgres.Publication(
                runId, ctx.asOf(), BuildInfo.version(), ctx.config().sha256(), tables));
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"url\": \"").append(escape(sink.url())).append("\",\n");
    json.append("  \"schema\": \"").append(sink.schema()).append("\",\n");
    json.append("  \"run_id\": \"").append(runId).append("\",\n");
    json.append("  \"tables\": {");
    String sep = "\n";
    for (Map.Entry<String, Long> e : rows.entrySet()) {
      json.append(sep)
          .append("    \"")
          .append(sink.schema())
          .append('.')
          .append(e.getKey())
          .append("\": ")
          .append(e.getValue());
      sep = ",\n";
      ctx.recordOutput("postgres:" + sink.schema() + "." + e.getKey(), e.getValue());
    }
    json.append("\n  }\n}\n");
    ctx.writeText(RECORD, json.toString(), rows.size());
    ctx.progress().line("  published to %s: %s", sink.url(), rows);
    return ctx.result();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
