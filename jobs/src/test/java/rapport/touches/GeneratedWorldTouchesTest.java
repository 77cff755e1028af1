package rapport.touches;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.EvaluateCommand;
import rapport.cli.Stages;
import rapport.config.RapportConfig;
import rapport.generate.GenerateOptions;
import rapport.generate.Generator;
import rapport.generate.purchase.Effects;
import rapport.ingest.IngestStage;
import rapport.run.Pipeline;
import rapport.run.Progress;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/**
 * A small generated world through ingest and classify at default settings: quality against the
 * world's truth, well above the author-type baseline; the output contract; identical reruns.
 */
class GeneratedWorldTouchesTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  @TempDir static Path dir;
  static Path world;
  static Path out;
  static RapportConfig config;
  static TouchEvaluation quality;

  @BeforeAll
  static void generateAndClassify() {
    world = dir.resolve("world");
    new Generator(
            new GenerateOptions(
                800,
                3,
                AS_OF,
                GenerateOptions.DEFAULT_ZONE,
                0.01,
                GenerateOptions.DEFAULT_PART_ROWS,
                false,
                Effects.DEFAULT,
                world))
        .run();
    config = Stages.loadConfig(world.resolve("rapport.yaml"));
    out = dir.resolve("out");
    Pipeline.run(
        TestSpark.session(),
        config,
        AS_OF,
        out,
        List.of(new IngestStage(), new ClassifyStage()),
        false,
        Progress.silent());
    quality =
        EvaluateCommand.evaluate(
            TestSpark.session(), touches(), world.resolve("truth/touch_labels.csv"));
  }

  @Test
  void theAutomatedKindsReachTheBar() {
    TouchEvaluation kinds =
        EvaluateCommand.evaluateAutomatedKinds(
                TestSpark.session(), touches(), world.resolve("truth/touch_labels.csv"))
            .orElseThrow();
    assertTrue(kinds.quality("transactional").f1() >= 0.95, () -> describe(kinds));
    assertTrue(kinds.quality("outreach").f1() >= 0.95, () -> describe(kinds));
    assertEquals(0, kinds.unmatched().unknownLabels());
  }

  static Path touches() {
    return out.resolve(AS_OF.toString()).resolve("tables").resolve(Touches.TABLE);
  }

  @Test
  void bothClassesReachTheBar() {
    assertTrue(quality.quality("automated").f1() >= 0.95, () -> describe(quality));
    assertTrue(quality.quality("personal").f1() >= 0.95, () -> describe(quality));
    assertEquals(1.0, quality.quality("inbound").f1(), 1e-12);
    // The world's bad rows carry ids of their own, without a label: ingest quarantines every one
    // of them and keeps every labelled interaction.
    assertEquals(0, quality.unmatched().missingFromRun());
    assertEquals(0, quality.unmatched().unlabelled());
  }

  @Test
  void wellAboveTheAuthorTypeBaseline() {
    TouchEvaluation baseline = authorTypeBaseline();
    for (String kind : List.of("automated", "personal")) {
      double ours = quality.quality(kind).f1();
      double theirs = baseline.quality(kind).f1();
      assertTrue(ours >= theirs + 0.05, kind + ": " + ours + " vs baseline " + theirs);
    }
  }

  @Test
  void theTableHasTheContractsColumnsAndTypes() {
    Dataset<Row> t = TestSpark.session().read().parquet(touches().toString());
    List<String> want = new ArrayList<>();
    for (StructField f : Touches.SCHEMA.fields()) {
      want.add(f.name() + ":" + f.dataType().simpleString());
    }
    List<String> got = new ArrayList<>();
    for (StructField f : t.schema().fields()) {
      got.add(f.name() + ":" + f.dataType().simpleString());
    }
    assertEquals(want, got);
    assertEquals(
        0,
        t.filter(
                col(Touches.PERSONAL_SCORE)
                    .lt(0)
                    .or(col(Touches.PERSONAL_SCORE).gt(1))
                    .or(col(Touches.TOUCH_KIND).isNull())
                    .or(col(Touches.REASONS).isNull()))
            .count());
  }

  @Test
  void aRerunOfClassifyWritesTheSameBytes() throws IOException {
    List<byte[]> before = parts(touches());
    Pipeline.run(
        TestSpark.session(),
        config,
        AS_OF,
        out,
        List.of(new ClassifyStage()),
        true,
        Progress.silent());
    List<byte[]> after = parts(touches());
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(before.get(i), after.get(i));
    }
  }

  private static List<byte[]> parts(Path table) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(table)) {
      for (Path p : s.sorted().toList()) {
        out.add(Files.readAllBytes(p));
      }
    }
    return out;
  }

  /** What author_type alone says: system is automated, anything else outbound is personal. */
  private static TouchEvaluation authorTypeBaseline() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> t = spark.read().parquet(touches().toString());
    Dataset<Row> labels =
        spark
            .read()
            .option("header", "true")
            .csv(world.resolve("truth/touch_labels.csv").toString())
            .withColumnRenamed(Touches.TOUCH_KIND, "truth");
    List<TouchEvaluation.Cell> cells = new ArrayList<>();
    for (Row r :
        t.withColumn(
                "baseline",
                when(col("direction").equalTo("inbound"), lit("inbound"))
                    .when(col("author_type").equalTo("system"), lit("automated"))
                    .otherwise(lit("personal")))
            .join(labels, "interaction_id")
            .groupBy("channel", "truth", "baseline")
            .agg(count(lit(1)))
            .collectAsList()) {
      cells.add(
          new TouchEvaluation.Cell(r.getString(0), r.getString(1), r.getString(2), r.getLong(3)));
    }
    return TouchEvaluation.of(cells, new TouchEvaluation.Unmatched(0, 0, 0, 0));
  }

  private static String describe(TouchEvaluation e) {
    StringBuilder b = new StringBuilder();
    for (TouchEvaluation.ClassQuality q : e.overall().classes()) {
      b.append(q).append('\n');
    }
    return b.toString();
  }
}
