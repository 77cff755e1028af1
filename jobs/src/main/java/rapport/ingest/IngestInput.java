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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rapport.config.InputConfig;
import rapport.config.SourceConfig;
import rapport.errors.RapportException;
import rapport.run.Manifest;
import rapport.run.Progress;
import rapport.schema.Columns;
import rapport.schema.Contract;
import rapport.schema.Field;
import rapport.schema.FieldType;
import rapport.schema.Schemas;

/**
 * One input through ingest, as functions the stage calls in turn: {@link #read} its sources into
 * every row with its reason (null when valid), {@link #tally} the rows by reason, {@link #clean}
 * the valid rows into the input's table, {@link #quarantined} the others, and {@link #report} the
 * accounting. {@link #derivedCustomers} stands in for a customers input that is not configured.
 */
final class IngestInput {
  private IngestInput() {}

  /**
   * An input's rows as read, with the files they came from.
   *
   * @param checked every row, normalised, with {@code reason_code} (null when valid)
   * @param skipped files of an input folder left out by its include patterns
   * @param ranges by date or timestamp column, the plausible range outside which a value is read as
   *     empty
   */
  record Read(
      Dataset<Row> checked,
      List<SourceFile> files,
      List<String> skipped,
      Map<String, String> ranges) {
    /** The same rows from elsewhere (read back from a checkpoint). */
    Read with(Dataset<Row> rows) {
      return new Read(rows, files, skipped, ranges);
    }
  }

  /**
   * The rows of every source of {@code input}, typed, normalised and validated.
   *
   * @param customers the customers table, to check the input's customer references against; null
   *     when there is no customers input or the input has no customer reference
   */
  static Read read(
      SparkSession spark,
      InputConfig input,
      Path configDir,
      ZoneId zone,
      LocalDate asOf,
      Dataset<Row> customers) {
    Contract contract = input.contract();
    List<SourceFile> files = new ArrayList<>();
    Dataset<Row> normalized = null;
    Map<String, String> ranges = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (SourceConfig source : input.sources()) {
      SourceFiles.Listing listing = SourceFiles.listing(input.name(), source, configDir);
      List<SourceFile> sourceFiles = listing.files();
      skipped.addAll(listing.skipped());
      Map<String, List<String>> headers =
          SourceReader.headers(spark, input.name(), source, sourceFiles);
      ReadPlan plan = ReadPlan.resolve(contract, source, headers);
      plan.mappings()
          .forEach(
              (column, m) -> {
                FieldType type = contract.field(column).orElseThrow().type();
                if (type == FieldType.DATE || type == FieldType.TIMESTAMP) {
                  ranges.putIfAbsent(column, Normalize.range(m, asOf));
                }
              });
      Dataset<Row> one =
          Normalize.apply(
              SourceReader.read(spark, source, sourceFiles, plan),
              contract,
              plan.mappings(),
              zone,
              asOf);
      normalized = normalized == null ? one : normalized.unionByName(one);
      files.addAll(sourceFiles);
    }
    Dataset<Row> checked = Validate.withDuplicateReasons(normalized, contract, input.lineItems());
    if (contract.customerRef() != null && customers != null) {
      checked = Validate.withUnknownCustomerReason(checked, customers.select(Columns.CUSTOMER_ID));
    }
    return new Read(checked, files, skipped, ranges);
  }

  /**
   * The rows of an input by outcome.
   *
   * @param byReason quarantined rows by reason code
   * @param cleared by optional date column: the valid rows whose value was read as empty, and the
   *     column's range
   */
  record Tally(long valid, Map<String, Long> byReason, Map<String, Map<String, Object>> cleared) {
    long quarantined() {
      return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    long read() {
      return valid + quarantined();
    }
  }

  /**
   * One aggregation gives the first stop marker, the rows per reason and the optional dates read as
   * empty, instead of one job for each. A stop marker (a file that cannot be read on) stops here
   * with its message; an input without rows stops with exit 3.
   */
  static Tally tally(InputConfig input, Read read) {
    Contract contract = input.contract();
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
        read.checked()
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
          entry.put(QualityReport.ROWS, rows);
          entry.put(QualityReport.RANGE, read.ranges().get(clearable.get(i)));
          cleared.put(clearable.get(i), entry);
        }
      }
    }
    Tally result = new Tally(valid, byReason, cleared);
    if (result.read() == 0) {
      List<SourceFile> files = read.files();
      throw RapportException.input(
          "input %s: %s has a header but no rows; export it again with its data or remove"
              + " inputs.%s from the configuration",
          input.name(),
          files.size() == 1 ? files.get(0).display() : "none of the " + files.size() + " files",
          input.name());
    }
    return result;
  }

  /** Whether stop marker {@code a} comes before {@code b} in file order, then line order. */
  private static boolean before(Row a, Row b) {
    int byFile = String.valueOf(a.getString(0)).compareTo(String.valueOf(b.getString(0)));
    return byFile != 0 ? byFile < 0 : a.getLong(1) < b.getLong(1);
  }

  /** An input's clean table and its rows. */
  record Clean(Dataset<Row> table, long rows) {}

  /**
   * The valid rows in the contract's columns; orders get their default status, and order lines roll
   * up into orders (counted then, as they are fewer than the valid rows).
   */
  static Clean clean(InputConfig input, Dataset<Row> checked, long valid) {
    Contract contract = input.contract();
    Dataset<Row> validRows = checked.filter(col(Columns.REASON_CODE).isNull());
    Dataset<Row> clean =
        validRows.select(contract.columnNames().stream().map(c -> col(c)).toArray(Column[]::new));
    long written = valid;
    if (contract == Schemas.ORDERS) {
      if (input.lineItems()) {
        // lines keep their lineage until the roll-up: the first line in file order speaks
        clean = Orders.rollUpLines(validRows);
        written = clean.count();
      }
      clean = Orders.withDefaultStatus(clean);
    }
    return new Clean(clean, written);
  }

  /** The rows with a reason, for {@code quality/quarantine/<input>.csv}. */
  static Dataset<Row> quarantined(Dataset<Row> checked) {
    return checked.filter(col(Columns.REASON_CODE).isNotNull());
  }

  /** The input's sources as shown to users, comma-separated. */
  static String shownPath(InputConfig input, Path configDir) {
    return input.sources().stream()
        .map(src -> SourceFiles.display(src.path(), configDir))
        .collect(Collectors.joining(", "));
  }

  /** The formats of the input's sources: "csv", "csv, jsonl". */
  static String formats(InputConfig input) {
    return input.sources().stream()
        .map(src -> src.format().key())
        .distinct()
        .collect(Collectors.joining(", "));
  }

  /** The input's entry of the manifest: its files with their checksums, and its rows. */
  static Manifest.Input manifestInput(
      InputConfig input, Path configDir, Read read, Tally tally, long written) {
    List<Manifest.InputFile> fileEntries = new ArrayList<>();
    for (SourceFile f : read.files()) {
      fileEntries.add(new Manifest.InputFile(f.display(), SourceFiles.sha256(f), f.bytes()));
    }
    return new Manifest.Input(
        input.name(),
        shownPath(input, configDir),
        formats(input),
        fileEntries,
        tally.read(),
        tally.valid(),
        tally.quarantined(),
        written);
  }

  /** The input's accounting for {@code quality/report.json}. */
  static QualityReport report(
      InputConfig input, Path configDir, Read read, Tally tally, long written) {
    return new QualityReport(
        input.name(),
        shownPath(input, configDir),
        formats(input),
        read.files().stream().map(SourceFile::display).toList(),
        read.skipped(),
        tally.read(),
        tally.valid(),
        tally.quarantined(),
        written,
        tally.byReason(),
        tally.cleared(),
        input.maxBadShare(),
        input.lineItems()
            ? "rows are order lines; " + Progress.count(written) + " orders after roll-up"
            : null);
  }

  /**
   * The day of the first order when there are orders but none before the as-of date (the run has
   * nothing to compute then), else empty.
   */
  static Optional<LocalDate> firstOrderWhenNoneBefore(
      Dataset<Row> orders, LocalDate asOf, ZoneId zone) {
    Timestamp start = Timestamp.from(asOf.atStartOfDay(zone).toInstant());
    Row r =
        orders
            .agg(
                min(to_date(from_utc_timestamp(col(Columns.ORDERED_AT), zone.getId()))),
                count(when(col(Columns.ORDERED_AT).lt(lit(start)), lit(1))))
            .first();
    return !r.isNullAt(0) && r.getLong(1) == 0
        ? Optional.of(r.getDate(0).toLocalDate())
        : Optional.empty();
  }

  /**
   * Without a CRM export, customers are the customer ids of the orders, since their first order:
   * the customers contract's columns, do_not_contact false, the others empty.
   */
  static Dataset<Row> derivedCustomers(Dataset<Row> orders, String zone) {
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
    return firsts.select(cols.toArray(Column[]::new));
  }

  /** The report of a customers table derived from orders. */
  static QualityReport derivedCustomersReport(long rows) {
    return new QualityReport(
        Schemas.CUSTOMERS.name(),
        null,
        "derived",
        List.of(),
        List.of(),
        0,
        0,
        0,
        rows,
        Map.of(),
        Map.of(),
        1.0,
        "no customers input configured: customers derived from orders (customer_since = first"
            + " order)");
  }
}
