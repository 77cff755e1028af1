package rapport.ingest;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import rapport.config.InputConfig;
import rapport.config.RapportConfig;
import rapport.config.SourceConfig;
import rapport.errors.RapportException;
import rapport.run.Manifest;
import rapport.run.Progress;
import rapport.run.RunContext;
import rapport.run.RunFiles;
import rapport.run.RunFolder;
import rapport.run.Stage;
import rapport.schema.Columns;
import rapport.schema.Contract;
import rapport.schema.Field;
import rapport.schema.FieldType;
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
    Path configDir = config.file().toAbsolutePath().getParent();
    for (InputConfig input : config.inputs().values()) {
      for (SourceConfig source : input.sources()) {
        SourceFiles.listing(input.name(), source, configDir);
      }
    }
  }

  @Override
  public void run(RunContext ctx) {
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
  }

  /**
   * Everything is computed from the events before the as-of date: with no order before it, every
   * table would be empty and the report would look like a result of nothing.
   */
  private static void requireOrdersBeforeAsOf(RunContext ctx) {
    String zone = ctx.config().timeZone().getId();
    Timestamp start = Timestamp.from(ctx.asOf().atStartOfDay(ctx.config().timeZone()).toInstant());
    Row r =
        ctx.table(Schemas.ORDERS.name())
            .agg(
                min(to_date(from_utc_timestamp(col(Columns.ORDERED_AT), zone))),
                count(when(col(Columns.ORDERED_AT).lt(lit(start)), lit(1))))
            .first();
    if (!r.isNullAt(0) && r.getLong(1) == 0) {
      throw RapportException.input(
          "input orders: no order is before the as-of date %s (the first order is on %s), so"
              + " there is nothing to compute; choose an as-of date after the first order with"
              + " --as-of or as_of in %s",
          ctx.asOf(), r.getDate(0), ctx.config().file().getFileName());
    }
  }

  private QualityReport ingest(RunContext ctx, InputConfig input, Path configDir) {
    long started = System.nanoTime();
    Contract contract = input.contract();
    ctx.spark().sparkContext().setJobDescription("ingest " + input.name());
    List<SourceFile> files = new ArrayList<>();
    Dataset<Row> normalized = null;
    Map<String, String> ranges = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (SourceConfig source : input.sources()) {
      SourceFiles.Listing listing = SourceFiles.listing(input.name(), source, configDir);
      List<SourceFile> sourceFiles = listing.files();
      skipped.addAll(listing.skipped());
      Map<String, List<String>> headers =
          SourceReader.headers(ctx.spark(), input.name(), source, sourceFiles);
      ReadPlan plan = ReadPlan.resolve(contract, source, headers);
      plan.mappings()
          .forEach(
              (column, m) -> {
                FieldType type = contract.field(column).orElseThrow().type();
                if (type == FieldType.DATE || type == FieldType.TIMESTAMP) {
                  ranges.putIfAbsent(column, Normalize.range(m, ctx.asOf()));
                }
              });
      Dataset<Row> one =
          Normalize.apply(
              SourceReader.read(ctx.spark(), source, sourceFiles, plan),
              contract,
              plan.mappings(),
              ctx.config().timeZone(),
              ctx.asOf());
      normalized = normalized == null ? one : normalized.unionByName(one);
      files.addAll(sourceFiles);
    }
    Dataset<Row> checked = Validate.withDuplicateReasons(normalized, contract, input.lineItems());
    if (contract.customerRef() != null
        && ctx.config().inputs().containsKey(Schemas.CUSTOMERS.name())) {
      checked =
          Validate.withUnknownCustomerReason(
              checked, ctx.table(Schemas.CUSTOMERS.name()).select(Columns.CUSTOMER_ID));
    }
    // Every row, with its reason, is written once; counting, the clean table and the
    // quarantine then read it back instead of parsing the files again.
    Path work = ctx.checkpoint("ingest", input.name());
    ctx.progress().follow(ctx.spark(), "reading " + input.name());
    try {
      checked.write().mode(SaveMode.Overwrite).parquet(work.toString());
    } finally {
      ctx.progress().stopFollowing();
    }
    // the schema is known: reading it back without it would start a job to infer it
    checked = ctx.spark().read().schema(checked.schema()).parquet(work.toString());

    // One aggregation gives the first stop marker, the rows per reason and the optional dates
    // read as empty, instead of one job for each.
    List<String> clearable =
        contract.fields().stream()
            .filter(f -> f.type() == FieldType.DATE || f.type() == FieldType.TIMESTAMP)
            .map(Field::name)
            .toList();
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    aggs.add(
        min(
            when(
                col(Columns.REASON_DETAIL).startsWith(SourceReader.STOP),
                struct(
                    col(Columns.SOURCE_FILE),
                    col(Columns.LINE_NUMBER),
                    col(Columns.REASON_DETAIL)))));
    for (String c : clearable) {
      aggs.add(sum(when(array_contains(col(Normalize.CLEARED), c), 1L).otherwise(0L)));
    }
    List<Row> tally =
        checked
            .groupBy(col(Columns.REASON_CODE))
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
            .collectAsList();
    Row firstStop = null;
    for (Row r : tally) {
      Row stop = r.getStruct(2);
      if (stop != null && (firstStop == null || before(stop, firstStop))) {
        firstStop = stop;
      }
    }
    if (firstStop != null) {
      SourceReader.stopIfMarked(firstStop.getString(2));
    }

    Map<String, Long> byReason = new TreeMap<>();
    long valid = 0;
    Map<String, Map<String, Object>> cleared = new TreeMap<>();
    for (Row r : tally) {
      if (!r.isNullAt(0)) {
        byReason.put(r.getString(0), r.getLong(1));
        continue;
      }
      valid = r.getLong(1);
      for (int i = 0; i < clearable.size(); i++) {
        long rows = r.getLong(3 + i);
        if (rows > 0) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("rows", rows);
          entry.put("range", ranges.get(clearable.get(i)));
          cleared.put(clearable.get(i), entry);
        }
      }
    }
    long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
    long read = valid + quarantined;
    if (read == 0) {
      throw RapportException.input(
          "input %s: %s has a header but no rows; export it again with its data or remove"
              + " inputs.%s from the configuration",
          input.name(),
          files.size() == 1 ? files.get(0).display() : "none of the " + files.size() + " files",
          input.name());
    }

    Dataset<Row> validRows = checked.filter(col(Columns.REASON_CODE).isNull());
    Dataset<Row> clean = validRows.select(columns(contract));
    long written = valid;
    if (contract == Schemas.ORDERS) {
      if (input.lineItems()) {
        // lines keep their lineage until the roll-up: the first line in file order speaks
        clean = Orders.rollUpLines(validRows);
        written = clean.count();
      }
      clean = Orders.withDefaultStatus(clean);
    }
    ctx.writeTable(input.name(), clean, written, contract.key());

    String quarantineFile = "quality/quarantine/" + input.name() + ".csv";
    QuarantineWriter.write(
        checked.filter(col(Columns.REASON_CODE).isNotNull()), ctx.path(quarantineFile));
    ctx.recordOutput(quarantineFile, quarantined);
    RunFolder.delete(work);

    String shownPath =
        input.sources().stream()
            .map(src -> SourceFiles.display(src.path(), configDir))
            .collect(java.util.stream.Collectors.joining(", "));
    List<Manifest.InputFile> fileEntries = new ArrayList<>();
    for (SourceFile f : files) {
      fileEntries.add(new Manifest.InputFile(f.display(), SourceFiles.sha256(f), f.bytes()));
    }
    ctx.recordInput(
        new Manifest.Input(
            input.name(),
            shownPath,
            formats(input),
            fileEntries,
            read,
            valid,
            quarantined,
            written));
    QualityReport report =
        new QualityReport(
            input.name(),
            shownPath,
            formats(input),
            files.stream().map(SourceFile::display).toList(),
            skipped,
            read,
            valid,
            quarantined,
            written,
            byReason,
            cleared,
            input.maxBadShare(),
            input.lineItems()
                ? "rows are order lines; " + Progress.count(written) + " orders after roll-up"
                : null);
    ctx.progress()
        .line(
            "  %-13s %s read, %s valid, %s quarantined%s (%.1f s)",
            input.name(),
            Progress.count(read),
            Progress.count(valid),
            Progress.count(quarantined),
            quarantined == 0 ? "" : " [" + report.topReasons(3) + "]",
            (System.nanoTime() - started) / 1e9);
    return report;
  }

  /** Whether stop marker {@code a} comes before {@code b} in file order, then line order. */
  private static boolean before(Row a, Row b) {
    int byFile = String.valueOf(a.getString(0)).compareTo(String.valueOf(b.getString(0)));
    return byFile != 0 ? byFile < 0 : a.getLong(1) < b.getLong(1);
  }

  /**
   * Without a CRM export, customers are the customer ids of the orders, since their first order.
   */
  private QualityReport deriveCustomers(RunContext ctx) {
    Dataset<Row> orders = ctx.table(Schemas.ORDERS.name());
    String zone = ctx.config().timeZone().getId();
    Dataset<Row> firsts =
        orders
            .groupBy(col(Columns.CUSTOMER_ID))
            .agg(min(col(Columns.ORDERED_AT)).as("_first"))
            .withColumn(Columns.CUSTOMER_SINCE, to_date(from_utc_timestamp(col("_first"), zone)));
    List<Column> cols = new ArrayList<>();
    for (Field f : Schemas.CUSTOMERS.fields()) {
      if (f.name().equals(Columns.CUSTOMER_ID) || f.name().equals(Columns.CUSTOMER_SINCE)) {
        cols.add(col(f.name()));
      } else if (f.name().equals(Columns.DO_NOT_CONTACT)) {
        cols.add(lit(false).as(f.name()));
      } else {
        cols.add(lit(null).cast(f.type().sparkType()).as(f.name()));
      }
    }
    Dataset<Row> customers = firsts.select(cols.toArray(Column[]::new));
    long n = customers.count();
    ctx.writeTable(Schemas.CUSTOMERS.name(), customers, n, Columns.CUSTOMER_ID);
    String note =
        "no customers input configured: customers derived from orders (customer_since = first order)";
    ctx.progress()
        .line(
            "  %-13s %s derived from orders (no customers input configured)",
            "customers", Progress.count(n));
    return new QualityReport(
        Schemas.CUSTOMERS.name(),
        null,
        "derived",
        List.of(),
        List.of(),
        0,
        0,
        0,
        n,
        Map.of(),
        Map.of(),
        1.0,
        note);
  }

  /** quality/report.json; {@code error} is the error that stopped ingest, null when none did. */
  private static void writeReport(
      RunContext ctx, Map<String, QualityReport> reports, String error) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("as_of", ctx.asOf().toString());
    Map<String, Object> inputs = new LinkedHashMap<>();
    reports.forEach((k, v) -> inputs.put(k, v.toJson()));
    json.put("inputs", inputs);
    if (error != null) {
      json.put("error", error);
    }
    com.fasterxml.jackson.databind.ObjectMapper om =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
    RunFiles.write(ctx.path(REPORT), out -> om.writeValue(out, json));
    ctx.recordOutput(REPORT, reports.size());
  }

  private static String formats(InputConfig input) {
    return input.sources().stream()
        .map(src -> src.format().key())
        .distinct()
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static Column[] columns(Contract c) {
    return c.columnNames().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
