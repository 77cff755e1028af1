package rapport.ingest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import rapport.config.InputConfig;
import rapport.config.RapportConfig;
import rapport.config.SourceConfig;
import rapport.errors.RapportException;
import rapport.run.Progress;
import rapport.run.RunContext;
import rapport.run.RunFiles;
import rapport.run.RunFolder;
import rapport.run.Stage;
import rapport.schema.Columns;
import rapport.schema.Schemas;

/**
 * The ingest stage: every configured input is read, typed, validated and split into its clean table
 * ({@code tables/<input>}) and its quarantine ({@code quality/quarantine/<input>.csv}), with the
 * accounting in {@code quality/report.json}. Too many bad rows in an input stop the run (exit 3)
 * after every input has been accounted for.
 */
public final class IngestStage implements Stage {
  public static final String REPORT = "quality/report.json";

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public List<String> needs() {
    return List.of();
  }

  public static String description() {
    return "Read, type and validate the inputs; write clean tables, quarantine files and"
        + " quality/report.json.";
  }

  /**
   * The file checks of every input, without Spark: each source exists, is readable and holds files
   * of its format. {@code validate} runs them before it starts Spark, so that a missing or wrong
   * file is reported in a second instead of after Spark's start-up; the read repeats them.
   */
  public static void checkFiles(RapportConfig config) {
    files(config);
  }

  /**
   * The size in bytes of the files the config's inputs name, without Spark, or -1 when an input
   * cannot be listed (the stage that reads it says why): what the Spark session is sized by.
   */
  public static long inputBytes(RapportConfig config) {
    try {
      return files(config).stream().mapToLong(SourceFile::bytes).sum();
    } catch (RapportException e) {
      return -1;
    }
  }

  /** Every file of every input's sources, checked as {@link SourceFiles#listing} checks them. */
  private static List<SourceFile> files(RapportConfig config) {
    Path configDir = config.file().toAbsolutePath().getParent();
    List<SourceFile> files = new java.util.ArrayList<>();
    for (InputConfig input : config.inputs().values()) {
      for (SourceConfig source : input.sources()) {
        files.addAll(SourceFiles.list(input.name(), source, configDir));
      }
    }
    return files;
  }

  /**
   * {@link #checkFiles} for a run, before Spark starts: when a check fails, the run stops as it
   * would in ingest, without Spark. Its {@code _failed/<as_of>/quality/report.json} (or its
   * folder's, in the marker layout) is written with the file system alone, with no input accounted
   * for and the error, and the error is thrown with where the report is kept (exit 3).
   */
  public static void checkFilesBeforeRun(RapportConfig config, LocalDate asOf, Path out) {
    try {
      checkFiles(config);
    } catch (RapportException e) {
      String error = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      Path failed;
      try (RunFolder folder = RunFolder.open(out, asOf, config.commit())) {
        writeReport(
            folder.staging().resolve(REPORT), QualityReport.document(asOf, Map.of(), error));
        failed = folder.abandon(true, error);
      }
      if (failed == null) {
        throw e;
      }
      throw new RapportException(
          e.exitCode(), e.getMessage() + " (partial results kept in " + failed + ")", e);
    }
  }

  @Override
  public Stage.Result run(RunContext ctx) {
    RapportConfig config = ctx.config();
    Path configDir = config.file().toAbsolutePath().getParent();
    Map<String, QualityReport> reports = new LinkedHashMap<>();
    try {
      for (InputConfig input : config.inputs().values()) {
        reports.put(input.name(), ingest(ctx, input, configDir));
      }
      if (!config.inputs().containsKey(Schemas.CUSTOMERS.name())) {
        reports.put(Schemas.CUSTOMERS.name(), deriveCustomers(ctx));
      }
    } catch (Exception e) { // Spark throws its checked SparkException all the same
      // _failed/<as_of>/ keeps the report of the inputs read before the one that stopped the run
      try {
        writeReport(ctx, reports, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    writeReport(ctx, reports, null);
    for (QualityReport r : reports.values()) {
      if (!r.withinTolerance()) {
        throw RapportException.input(
            "input %s: %s of %s rows (%.1f%%) quarantined, above the tolerance of %.1f%%; top"
                + " reasons: %s; see quality/quarantine/%s.csv, then fix the export or raise"
                + " inputs.%s.max_bad_share",
            r.input(),
            Progress.count(r.rowsQuarantined()),
            Progress.count(r.rowsRead()),
            100 * r.badShare(),
            100 * r.maxBadShare(),
            r.topReasons(3),
            r.input(),
            r.input());
      }
    }
    requireOrdersBeforeAsOf(ctx);
    return ctx.result();
  }

  /**
   * Everything is computed from the events before the as-of date: with no order before it, every
   * table would be empty and the report would look like a result of nothing.
   */
  private static void requireOrdersBeforeAsOf(RunContext ctx) {
    IngestInput.firstOrderWhenNoneBefore(
            ctx.table(Schemas.ORDERS.name()), ctx.asOf(), ctx.config().timeZone())
        .ifPresent(
            first -> {
              throw RapportException.input(
                  "input orders: no order is before the as-of date %s (the first order is on %s),"
                      + " so there is nothing to compute; choose an as-of date after the first"
                      + " order with --as-of or as_of in %s",
                  ctx.asOf(), first, ctx.config().file().getFileName());
            });
  }

  /** One input: read → checkpoint → tally → clean table and quarantine → accounting. */
  private static QualityReport ingest(RunContext ctx, InputConfig input, Path configDir) {
    long started = System.nanoTime();
    ctx.spark().sparkContext().setJobDescription("ingest " + input.name());
    IngestInput.Read read =
        IngestInput.read(
            ctx.spark(),
            input,
            configDir,
            ctx.config().timeZone(),
            ctx.asOf(),
            input.contract().customerRef() != null
                    && ctx.config().inputs().containsKey(Schemas.CUSTOMERS.name())
                ? ctx.table(Schemas.CUSTOMERS.name())
                : null);
    // Every row, with its reason, is written once; counting, the clean table and the
    // quarantine then read it back instead of parsing the files again.
    Path work = ctx.checkpoint("ingest", input.name());
    ctx.progress().follow(ctx.spark(), "reading " + input.name());
    try {
      read.checked().write().mode(SaveMode.Overwrite).parquet(work.toString());
    } finally {
      ctx.progress().stopFollowing();
    }
    // the schema is known: reading it back without it would start a job to infer it
    read = read.with(ctx.spark().read().schema(read.checked().schema()).parquet(work.toString()));
    IngestInput.Tally tally = IngestInput.tally(input, read);

    IngestInput.Clean clean = IngestInput.clean(input, read.checked(), tally.valid());
    ctx.writeTable(input.name(), clean.table(), clean.rows(), input.contract().key());
    String quarantineFile = "quality/quarantine/" + input.name() + ".csv";
    QuarantineWriter.write(IngestInput.quarantined(read.checked()), ctx.path(quarantineFile));
    ctx.recordOutput(quarantineFile, tally.quarantined());
    RunFolder.delete(work);

    ctx.recordInput(IngestInput.manifestInput(input, configDir, read, tally, clean.rows()));
    QualityReport report = IngestInput.report(input, configDir, read, tally, clean.rows());
    ctx.progress()
        .line(
            "  %-13s %s read, %s valid, %s quarantined%s (%.1f s)",
            input.name(),
            Progress.count(tally.read()),
            Progress.count(tally.valid()),
            Progress.count(tally.quarantined()),
            tally.quarantined() == 0 ? "" : " [" + report.topReasons(3) + "]",
            (System.nanoTime() - started) / 1e9);
    return report;
  }

  /**
   * Without a CRM export, customers are the customer ids of the orders, since their first order.
   */
  private static QualityReport deriveCustomers(RunContext ctx) {
    Dataset<Row> customers =
        IngestInput.derivedCustomers(
            ctx.table(Schemas.ORDERS.name()), ctx.config().timeZone().getId());
    long n = customers.count();
    ctx.writeTable(Schemas.CUSTOMERS.name(), customers, n, Columns.CUSTOMER_ID);
    ctx.progress()
        .line(
            "  %-13s %s derived from orders (no customers input configured)",
            "customers", Progress.count(n));
    return IngestInput.derivedCustomersReport(n);
  }

  /** quality/report.json; {@code error} is the error that stopped ingest, null when none did. */
  private static void writeReport(
      RunContext ctx, Map<String, QualityReport> reports, String error) {
    writeReport(ctx.path(REPORT), QualityReport.document(ctx.asOf(), reports, error));
    ctx.recordOutput(REPORT, reports.size());
  }

  private static void writeReport(Path target, Map<String, Object> json) {
    com.fasterxml.jackson.databind.ObjectMapper om =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    RunFiles.write(target, out -> om.writeValue(out, json));
  }
}
