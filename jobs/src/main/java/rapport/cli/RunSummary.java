package rapport.cli;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import rapport.run.Manifest;
import rapport.run.Pipeline;
import rapport.schema.Outreach;
import rapport.schema.Schemas;
import rapport.schema.Scores;
import rapport.schema.Touches;

/**
 * What {@code --json} prints on stdout after a run or a stage: one object with the run id, the
 * as-of date, the committed folder, the rows of each input, the seconds of each stage this command
 * ran and the tables it wrote with their rows, and the headline figures of the committed run. Read
 * from the run folder, so a single stage reports the whole run it replaced its outputs in.
 */
final class RunSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunSummary() {}

  static ObjectNode of(SparkSession spark, Pipeline.Result result) {
    Path folder = result.folder();
    ObjectNode manifest = Manifest.read(folder);
    ObjectNode o = JSON.createObjectNode();
    o.put("run_id", result.runId());
    o.put("as_of", manifest.path("as_of").asText());
    o.put("path", folder.toAbsolutePath().normalize().toString());
    ObjectNode inputs = o.putObject("inputs");
    long quarantined = 0;
    for (JsonNode i : manifest.path("inputs")) {
      ObjectNode n = inputs.putObject(i.path("name").asText());
      for (String k : new String[] {"rows_read", "rows_valid", "rows_quarantined"}) {
        n.put(k, i.path(k).asLong());
      }
      quarantined += i.path("rows_quarantined").asLong();
    }
    ObjectNode stages = o.putObject("stages");
    for (Map.Entry<String, Double> s : result.stageSeconds().entrySet()) {
      stages.put(s.getKey(), Math.round(s.getValue() * 1000) / 1000.0);
    }
    ObjectNode stageTables = o.putObject("stage_tables");
    result
        .stageResults()
        .forEach(
            (stage, done) -> {
              ObjectNode tables = stageTables.putObject(stage);
              done.tables().forEach(tables::put);
            });
    ObjectNode headline = o.putObject("headline");
    Map<String, Long> rows = new java.util.HashMap<>();
    manifest
        .path("outputs")
        .forEach(
            out -> {
              if (out.hasNonNull("rows")) {
                rows.put(out.path("path").asText(), out.path("rows").asLong());
              }
            });
    headline.put("rows_quarantined", quarantined);
    putRows(headline, "customers", rows.get("tables/" + Schemas.CUSTOMERS.name()));
    putRows(headline, "customers_scored", rows.get("tables/" + Scores.TABLE));
    Path scores = folder.resolve("tables").resolve(Scores.TABLE);
    if (Files.isDirectory(scores)) {
      Row r =
          spark
              .read()
              .parquet(scores.toString())
              .agg(avg(col(Scores.RELATIONSHIP_SCORE).cast(DataTypes.createDecimalType(38, 12))))
              .first();
      headline.put("mean_relationship_score", rounded(r.isNullAt(0) ? null : r.getDecimal(0)));
    }
    Path touches = folder.resolve("tables").resolve(Touches.TABLE);
    if (Files.isDirectory(touches)) {
      Row r =
          spark
              .read()
              .parquet(touches.toString())
              .agg(
                  count(when(col(Touches.TOUCH_KIND).equalTo(Touches.PERSONAL), lit(1))),
                  count(when(col(Touches.TOUCH_KIND).equalTo(Touches.AUTOMATED), lit(1))))
              .first();
      long personal = r.getLong(0);
      long automated = r.getLong(1);
      headline.put("touches_personal", personal);
      headline.put("touches_automated", automated);
      if (personal + automated > 0) {
        headline.put(
            "personal_touch_share",
            BigDecimal.valueOf(personal)
                .divide(BigDecimal.valueOf(personal + automated), 4, RoundingMode.HALF_EVEN));
      }
    }
    Path outreach = folder.resolve("tables").resolve(Outreach.TABLE);
    if (Files.isDirectory(outreach)) {
      Row r =
          spark
              .read()
              .parquet(outreach.toString())
              .agg(
                  count(when(col(Outreach.IS_HOLDOUT).equalTo(false), lit(1))),
                  count(when(col(Outreach.IS_HOLDOUT).equalTo(true), lit(1))))
              .first();
      headline.put("outreach_to_contact", r.getLong(0));
      headline.put("outreach_held_out", r.getLong(1));
    }
    return o;
  }

  private static void putRows(ObjectNode o, String key, Long rows) {
    if (rows != null) {
      o.put(key, rows);
    }
  }

  private static BigDecimal rounded(BigDecimal v) {
    return v == null ? null : v.setScale(4, RoundingMode.HALF_EVEN);
  }

  static String text(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
