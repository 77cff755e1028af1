package rapport.cli;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.schema.Columns;
import rapport.schema.Touches;
import rapport.spark.SparkSessions;
import rapport.touches.TouchEvaluation;

/** {@code rapport evaluate touches}: the classifier's quality against labels of the user's own. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Measure a run's outputs against labelled data.",
    subcommands = {EvaluateCommand.TouchesCommand.class})
public final class EvaluateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "touches",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Precision, recall, F1 and the confusion matrix of the touch classes (automated,"
            + " personal, inbound), and of the automated kinds (transactional, outreach) when the"
            + " labels have them, overall and per channel. Labelled ids missing from the run,"
            + " touches without a label, unknown labels and duplicate labels are counted.",
        "Example: rapport evaluate touches --run out/2026-06-30 --truth labels.csv"
      })
  public static final class TouchesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--run",
        required = true,
        paramLabel = "RUN_DIR",
        description = "A committed run folder holding tables/touches, e.g. out/2026-06-30.")
    Path run;

    @Option(
        names = "--truth",
        required = true,
        paramLabel = "LABELS.csv",
        description =
            "CSV with a header and the columns interaction_id, touch_kind; with an"
                + " automated_kind column (transactional | outreach for automated touches) the"
                + " split of automated touches is measured too.")
    Path truth;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Mixin CommonOptions common = new CommonOptions();

    @Override
    public Integer call() throws IOException {
      Path touches = run.resolve("tables").resolve(Touches.TABLE);
      if (!Files.isDirectory(touches)) {
        throw RapportException.input(
            "%s has no tables/%s: run ./rapport classify (or run) for that date first",
            run, Touches.TABLE);
      }
      if (!Files.isRegularFile(truth)) {
        throw RapportException.input("labels file %s does not exist", truth);
      }
      SparkSession spark = SparkSessions.forCli(null, common.verbose);
      TouchEvaluation e = evaluate(spark, touches, truth);
      Optional<TouchEvaluation> kinds = evaluateAutomatedKinds(spark, touches, truth);
      PrintWriter out = spec.commandLine().getOut();
      print(out, e);
      if (kinds.isPresent()) {
        out.printf(
            "%nautomated kinds: transactional (caused by an order or an inbound message) or"
                + " outreach; not_automated = personal or inbound%n");
        print(out, kinds.get());
      }
      if (json != null) {
        writeJson(e, kinds, json);
        out.println("wrote " + json);
      }
      return ExitCode.OK.code();
    }
  }

  /** The quality of the touches in {@code touchesDir} against the labels in {@code truthFile}. */
  public static TouchEvaluation evaluate(SparkSession spark, Path touchesDir, Path truthFile) {
    Dataset<Row> labels = readLabels(spark, truthFile);
    Dataset<Row> touches =
        spark
            .read()
            .parquet(touchesDir.toString())
            .select(
                col(Columns.INTERACTION_ID),
                col(Columns.CHANNEL),
                col(Touches.TOUCH_KIND).as("predicted"));
    return compare(labels, touches, TouchEvaluation.KINDS);
  }

  /**
   * The quality of the transactional / outreach split of automated touches, when the labels file
   * has an automated_kind column (its value for automated touches, empty for the others); empty
   * otherwise. Classes: {@link TouchEvaluation#AUTOMATED_KINDS}.
   */
  public static Optional<TouchEvaluation> evaluateAutomatedKinds(
      SparkSession spark, Path touchesDir, Path truthFile) {
    Dataset<Row> raw = readRaw(spark, truthFile);
    if (!Arrays.asList(raw.columns()).contains(Touches.AUTOMATED_KIND)) {
      return Optional.empty();
    }
    Column kind = lower(trim(col(Touches.AUTOMATED_KIND)));
    Column touchKind = lower(trim(col(Touches.TOUCH_KIND)));
    Dataset<Row> labels =
        raw.select(
                trim(col(Columns.INTERACTION_ID)).as(Columns.INTERACTION_ID),
                when(touchKind.equalTo(Touches.AUTOMATED), kind)
                    .when(touchKind.isin(Touches.PERSONAL, Touches.INBOUND), lit(NOT_AUTOMATED))
                    .otherwise(touchKind)
                    .as("truth"))
            .filter(col(Columns.INTERACTION_ID).isNotNull());
    Dataset<Row> classified = spark.read().parquet(touchesDir.toString());
    if (!Arrays.asList(classified.columns()).contains(Touches.AUTOMATED_KIND)) {
      throw RapportException.input(
          "%s has no column %s (a run classified before the split of automated touches), but"
              + " the labels in %s have one: rerun ./rapport classify for that date",
          touchesDir, Touches.AUTOMATED_KIND, truthFile);
    }
    Dataset<Row> touches =
        classified.select(
            col(Columns.INTERACTION_ID),
            col(Columns.CHANNEL),
            coalesce(col(Touches.AUTOMATED_KIND), lit(NOT_AUTOMATED)).as("predicted"));
    return Optional.of(compare(labels, touches, TouchEvaluation.AUTOMATED_KINDS));
  }

  private static final String NOT_AUTOMATED = "not_automated";

  /**
   * @param labels interaction_id, truth
   * @param touches interaction_id, channel, predicted
   */
  private static TouchEvaluation compare(
      Dataset<Row> labels, Dataset<Row> touches, List<String> kinds) {
    Dataset<Row> labelCounts =
        labels
            .groupBy(Columns.INTERACTION_ID)
            .agg(count(lit(1)).as("n"), org.apache.spark.sql.functions.min("truth").as("truth"));
    long duplicates =
        labelCounts
            .filter(col("n").gt(1))
            .agg(coalesce(org.apache.spark.sql.functions.sum(col("n").minus(1)), lit(0L)))
            .first()
            .getLong(0);
    Dataset<Row> joined =
        labelCounts
            .join(
                touches,
                labelCounts
                    .col(Columns.INTERACTION_ID)
                    .equalTo(touches.col(Columns.INTERACTION_ID)),
                "full_outer")
            .select(
                labelCounts.col(Columns.INTERACTION_ID).isNotNull().as("labelled"),
                touches.col(Columns.INTERACTION_ID).isNotNull().as("classified"),
                col("truth"),
                col(Columns.CHANNEL),
                col("predicted"));
    Dataset<Row> known =
        joined.withColumn("known", coalesce(col("truth").isin(kinds.toArray()), lit(false)));
    List<Row> groups =
        known
            .groupBy("labelled", "classified", "known", Columns.CHANNEL, "truth", "predicted")
            .agg(count(lit(1)).as("n"))
            .collectAsList();
    long missing = 0;
    long unlabelled = 0;
    long unknown = 0;
    List<TouchEvaluation.Cell> cells = new ArrayList<>();
    for (Row r : groups) {
      boolean labelled = r.getBoolean(0);
      boolean classified = r.getBoolean(1);
      long n = r.getLong(6);
      if (!labelled) {
        unlabelled += n;
      } else if (!r.getBoolean(2)) {
        unknown += n;
      } else if (!classified) {
        missing += n;
      } else {
        cells.add(new TouchEvaluation.Cell(r.getString(3), r.getString(4), r.getString(5), n));
      }
    }
    return TouchEvaluation.of(
        kinds, cells, new TouchEvaluation.Unmatched(missing, unlabelled, unknown, duplicates));
  }

  private static Dataset<Row> readRaw(SparkSession spark, Path file) {
    return spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(file.toString());
  }

  private static Dataset<Row> readLabels(SparkSession spark, Path file) {
    Dataset<Row> raw = readRaw(spark, file);
    for (String c : List.of(Columns.INTERACTION_ID, Touches.TOUCH_KIND)) {
      if (!Arrays.asList(raw.columns()).contains(c)) {
        throw RapportException.input(
            "labels file %s has no column %s: it needs a header with interaction_id, touch_kind",
            file, c);
      }
    }
    return raw.select(
            trim(col(Columns.INTERACTION_ID)).as(Columns.INTERACTION_ID),
            lower(trim(col(Touches.TOUCH_KIND))).as("truth"))
        .filter(col(Columns.INTERACTION_ID).isNotNull());
  }

  static void print(PrintWriter out, TouchEvaluation e) {
    int w = Math.max(10, e.kinds().stream().mapToInt(String::length).max().orElse(10));
    String name = "%-" + w + "s";
    String cell = " %" + w + "s";
    TouchEvaluation.Unmatched u = e.unmatched();
    out.printf(
        Locale.ROOT,
        "compared %d touches; labelled but not in the run: %d; in the run without a label: %d;"
            + " unknown labels: %d; duplicate labels: %d%n",
        e.overall().n(),
        u.missingFromRun(),
        u.unlabelled(),
        u.unknownLabels(),
        u.duplicateLabels());
    for (TouchEvaluation.Slice s : e.slices()) {
      out.printf(
          Locale.ROOT,
          "%n%s (%d touches, accuracy %s)%n",
          s.name().equals("all") ? "all channels" : "channel " + s.name(),
          s.n(),
          fmt(s.accuracy()));
      out.printf(
          Locale.ROOT,
          "  " + name + " %9s %9s %9s %9s %9s%n",
          "class",
          "support",
          "predicted",
          "precision",
          "recall",
          "F1");
      for (TouchEvaluation.ClassQuality q : s.classes()) {
        if (q.support() == 0 && q.predicted() == 0) {
          continue;
        }
        out.printf(
            Locale.ROOT,
            "  " + name + " %9d %9d %9s %9s %9s%n",
            q.kind(),
            q.support(),
            q.predicted(),
            fmt(q.precision()),
            fmt(q.recall()),
            fmt(q.f1()));
      }
      out.printf(Locale.ROOT, "  confusion (rows: truth, columns: predicted)%n  " + name, "");
      for (String k : e.kinds()) {
        out.printf(Locale.ROOT, cell, k);
      }
      out.println();
      for (int i = 0; i < e.kinds().size(); i++) {
        out.printf(Locale.ROOT, "  " + name, e.kinds().get(i));
        for (int j = 0; j < e.kinds().size(); j++) {
          out.printf(Locale.ROOT, " %" + w + "d", s.confusion()[i][j]);
        }
        out.println();
      }
    }
    out.flush();
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  static void writeJson(TouchEvaluation e, Optional<TouchEvaluation> kinds, Path file)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    put(root, e);
    kinds.ifPresent(k -> put(root.putObject("automated_kinds"), k));
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      mapper.writeValue(file.toFile(), root);
    } catch (IOException ex) {
      throw RapportException.output(ex, "cannot write %s: %s", file, ex.getMessage());
    }
  }

  private static void put(ObjectNode root, TouchEvaluation e) {
    ObjectNode u = root.putObject("unmatched");
    u.put("labelled_not_in_run", e.unmatched().missingFromRun());
    u.put("in_run_without_label", e.unmatched().unlabelled());
    u.put("unknown_labels", e.unmatched().unknownLabels());
    u.put("duplicate_labels", e.unmatched().duplicateLabels());
    ArrayNode slices = root.putArray("slices");
    for (TouchEvaluation.Slice s : e.slices()) {
      ObjectNode sn = slices.addObject();
      sn.put("channel", s.name());
      sn.put("n", s.n());
      putNumber(sn, "accuracy", s.accuracy());
      ObjectNode classes = sn.putObject("classes");
      for (TouchEvaluation.ClassQuality q : s.classes()) {
        ObjectNode c = classes.putObject(q.kind());
        c.put("support", q.support());
        c.put("predicted", q.predicted());
        c.put("true_positives", q.truePositives());
        putNumber(c, "precision", q.precision());
        putNumber(c, "recall", q.recall());
        putNumber(c, "f1", q.f1());
      }
      ObjectNode conf = sn.putObject("confusion");
      for (int i = 0; i < e.kinds().size(); i++) {
        ObjectNode row = conf.putObject(e.kinds().get(i));
        for (int j = 0; j < e.kinds().size(); j++) {
          row.put(e.kinds().get(j), s.confusion()[i][j]);
        }
      }
    }
  }

  private static void putNumber(ObjectNode n, String key, double v) {
    if (Double.isNaN(v)) {
      n.putNull(key);
    } else {
      n.put(key, v);
    }
  }
}
