package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/** {@code rapport evaluate touches}: figures, unmatched ids, JSON, and errors with exit codes. */
class EvaluateTouchesCommandTest {
  @TempDir static Path dir;
  static Path run;
  static Path labels;

  @BeforeAll
  static void writeRun() throws IOException {
    run = dir.resolve("2026-06-30");
    StructType schema =
        new StructType()
            .add("interaction_id", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("touch_kind", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create("I1", "email", "automated"),
            RowFactory.create("I2", "email", "automated"),
            RowFactory.create("I3", "email", "personal"),
            RowFactory.create("I4", "sms", "personal"),
            RowFactory.create("I5", "sms", "automated"),
            RowFactory.create("I6", "phone", "inbound"),
            RowFactory.create("I7", "phone", "personal"),
            // in the run, not in the labels
            RowFactory.create("I8", "email", "automated"));
    TestSpark.session()
        .createDataFrame(rows, schema)
        .coalesce(1)
        .write()
        .parquet(run.resolve("tables/touches").toString());
    labels = dir.resolve("labels.csv");
    Files.writeString(
        labels,
        "interaction_id,touch_kind\n"
            + "I1,automated\nI2,personal\nI3,personal\nI4,Personal\nI5,personal\nI6,inbound\n"
            + "I7,personal\n"
            // quarantined at ingest: labelled but not in the run
            + "I9,automated\n"
            // poison rows: a kind nobody knows, and an id labelled twice
            + "I10,spam\nI1,automated\n");
  }

  @Test
  void printsFiguresAndCountsWhatCouldNotBeCompared() throws IOException {
    Path json = dir.resolve("eval/quality.json");
    Cli c =
        Cli.run(
            "evaluate",
            "touches",
            "--run",
            run.toString(),
            "--truth",
            labels.toString(),
            "--json",
            json.toString());
    assertEquals(0, c.exitCode, c.toString());
    assertTrue(
        c.out.contains(
            "compared 7 touches; labelled but not in the run: 1; in the run without a label: 1;"
                + " unknown labels: 1; duplicate labels: 1"),
        c.out);
    assertTrue(c.out.contains("channel sms (2 touches, accuracy 0.5000)"), c.out);
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    JsonNode all = root.path("slices").get(0);
    assertEquals("all", all.path("channel").asText());
    // automated: 3 predicted (I1, I2, I5), 1 right (I1): precision 1/3, recall 1/1
    assertEquals(
        1.0 / 3, all.path("classes").path("automated").path("precision").asDouble(), 1e-12);
    assertEquals(1.0, all.path("classes").path("automated").path("recall").asDouble(), 1e-12);
    // personal: truth I2 I3 I4 I5 I7, predicted I3 I4 I7
    assertEquals(1.0, all.path("classes").path("personal").path("precision").asDouble(), 1e-12);
    assertEquals(3.0 / 5, all.path("classes").path("personal").path("recall").asDouble(), 1e-12);
    assertEquals(2, all.path("confusion").path("personal").path("automated").asLong());
    assertEquals(1, root.path("unmatched").path("labelled_not_in_run").asLong());
  }

  /** The transactional / outreach split, when the labels have an automated_kind column. */
  @Test
  void measuresTheAutomatedKindsWhenTheLabelsHaveThem() throws IOException {
    Path split = dir.resolve("split/2026-06-30");
    StructType schema =
        new StructType()
            .add("interaction_id", DataTypes.StringType)
            .add("channel", DataTypes.StringType)
            .add("touch_kind", DataTypes.StringType)
            .add("automated_kind", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create("K1", "email", "automated", "transactional"),
            RowFactory.create("K2", "email", "automated", "outreach"),
            RowFactory.create("K3", "email", "automated", "outreach"),
            RowFactory.create("K4", "sms", "personal", null),
            RowFactory.create("K5", "sms", "automated", "outreach"),
            RowFactory.create("K6", "phone", "inbound", null),
            RowFactory.create("K7", "email", "automated", "outreach"));
    TestSpark.session()
        .createDataFrame(rows, schema)
        .coalesce(1)
        .write()
        .parquet(split.resolve("tables/touches").toString());
    Path kinds = dir.resolve("split/labels.csv");
    Files.writeString(
        kinds,
        "interaction_id,touch_kind,automated_kind\n"
            + "K1,automated,transactional\nK2,automated,Transactional\nK3,automated,outreach\n"
            + "K4,automated,outreach\nK5,personal,\nK6,inbound,\n"
            // poison: automated without its kind
            + "K7,automated,\n");
    Path json = dir.resolve("split/quality.json");
    Cli c =
        Cli.run(
            "evaluate",
            "touches",
            "--run",
            split.toString(),
            "--truth",
            kinds.toString(),
            "--json",
            json.toString());
    assertEquals(0, c.exitCode, c.toString());
    assertTrue(c.out.contains("automated kinds: transactional"), c.out);
    JsonNode all = new ObjectMapper().readTree(json.toFile()).path("automated_kinds");
    assertEquals(1, all.path("unmatched").path("unknown_labels").asLong());
    JsonNode classes = all.path("slices").get(0).path("classes");
    // transactional: truth K1 K2, predicted K1
    assertEquals(1.0, classes.path("transactional").path("precision").asDouble(), 1e-12);
    assertEquals(0.5, classes.path("transactional").path("recall").asDouble(), 1e-12);
    // outreach: truth K3 K4, predicted K2 K3 K5 (K5 is personal in truth)
    assertEquals(1.0 / 3, classes.path("outreach").path("precision").asDouble(), 1e-12);
    assertEquals(0.5, classes.path("outreach").path("recall").asDouble(), 1e-12);
    assertEquals(
        1,
        all.path("slices")
            .get(0)
            .path("confusion")
            .path("outreach")
            .path("not_automated")
            .asLong());
    // the three-class figures are there as before
    assertEquals(
        7, new ObjectMapper().readTree(json.toFile()).path("slices").get(0).path("n").asLong());
  }

  @Test
  void labelsWithKindsAgainstARunWithoutThemAreAnInputError() throws IOException {
    Path kinds = dir.resolve("kinds-labels.csv");
    Files.writeString(kinds, "interaction_id,touch_kind,automated_kind\nI1,automated,outreach\n");
    Cli c = Cli.run("evaluate", "touches", "--run", run.toString(), "--truth", kinds.toString());
    assertEquals(3, c.exitCode, c.toString());
    assertTrue(c.err.contains("has no column automated_kind"), c.err);
    assertTrue(c.err.contains("rerun ./rapport classify"), c.err);
  }

  @Test
  void aRunWithoutTouchesIsAnInputError() {
    Cli c =
        Cli.run(
            "evaluate",
            "touches",
            "--run",
            dir.resolve("nothing").toString(),
            "--truth",
            labels.toString());
    assertEquals(3, c.exitCode, c.toString());
    assertTrue(c.err.contains("has no tables/touches"), c.err);
    assertEquals(1, c.err.strip().lines().count(), c.err);
  }

  @Test
  void labelsWithoutTheKindColumnAreAnInputError() throws IOException {
    Path bad = dir.resolve("bad-labels.csv");
    Files.writeString(bad, "interaction_id,label\nI1,automated\n");
    Cli c = Cli.run("evaluate", "touches", "--run", run.toString(), "--truth", bad.toString());
    assertEquals(3, c.exitCode, c.toString());
    assertTrue(c.err.contains("has no column touch_kind"), c.err);
  }

  @Test
  void missingOptionIsAUsageError() {
    Cli c = Cli.run("evaluate", "touches", "--run", run.toString());
    assertEquals(2, c.exitCode, c.toString());
  }
}
