package rapport.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import rapport.config.ColumnMapping;
import rapport.config.CsvOptions;
import rapport.config.InputFormat;
import rapport.config.SourceConfig;
import rapport.errors.RapportException;
import rapport.schema.Columns;

/**
 * Reads an input's files into the raw table: one row per source record with its lineage (file,
 * line, raw text), why it could not be split (if so), and the source values as strings.
 */
public final class SourceReader {
  private SourceReader() {}

  /** Raw column: why the record could not be split into fields, or null. */
  public static final String MALFORMED = "_malformed";

  /**
   * Marks a message that must stop the input rather than quarantine a row (bytes not valid in the
   * encoding). A task that read such a file hands the message back as data instead of failing, so
   * that the driver stops with one line instead of Spark logging a failed task's stack trace.
   */
  static final String STOP = "\u0000stop\u0000";

  /** The message a task handed back with {@link #STOP}, thrown on the driver; else nothing. */
  static void stopIfMarked(String value) {
    if (value != null && value.startsWith(STOP)) {
      throw RapportException.input("%s", value.substring(STOP.length()));
    }
  }

  /** The columns every file of the input has, by file. */
  public static Map<String, List<String>> headers(
      SparkSession spark, String input, SourceConfig source, List<SourceFile> files) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (source.format() == InputFormat.PARQUET) {
      for (SourceFile f : files) {
        out.put(f.display(), Arrays.asList(spark.read().parquet(f.uri()).schema().fieldNames()));
      }
      return out;
    }
    if (source.format() == InputFormat.JSONL) {
      // exporters omit the keys of null values, so no single line shows every column
      CsvOptions csv = source.csv();
      List<List<String>> keys =
          JavaSparkContext.fromSparkContext(spark.sparkContext())
              .parallelize(files, files.size())
              .map(
                  f -> {
                    try {
                      return jsonKeys(input, f, csv);
                    } catch (RapportException e) {
                      return List.of(STOP + e.getMessage());
                    }
                  })
              .collect();
      for (int i = 0; i < files.size(); i++) {
        if (!keys.get(i).isEmpty()) {
          stopIfMarked(keys.get(i).get(0));
        }
        out.put(files.get(i).display(), keys.get(i));
      }
      return out;
    }
    for (SourceFile f : files) {
      out.put(f.display(), firstRecordKeys(input, source, f));
    }
    return out;
  }

  /** The union of the keys of every object in a JSON-lines file, nested ones as {@code a.b}. */
  static List<String> jsonKeys(String input, SourceFile f, CsvOptions csv) {
    refuseBinary(input, f, InputFormat.JSONL);
    java.util.Set<String> keys = new java.util.LinkedHashSet<>();
    try (BufferedReader r = reader(input, f, csv)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          JsonNode n = parseJson(line.startsWith("\uFEFF") ? line.substring(1) : line);
          if (n != null && n.isObject()) {
            addKeys(n, "", keys, 0);
          }
        }
      }
    } catch (IOException e) {
      throw RapportException.input(
          "input %s: cannot read %s: %s", input, f.display(), e.getMessage());
    }
    return new ArrayList<>(keys);
  }

  private static void addKeys(JsonNode obj, String prefix, java.util.Set<String> keys, int depth) {
    obj.fields()
        .forEachRemaining(
            e -> {
              String key = prefix + e.getKey();
              keys.add(key);
              if (e.getValue().isObject() && depth < 8) {
                addKeys(e.getValue(), key + ".", keys, depth + 1);
              }
            });
  }

  private static List<String> firstRecordKeys(String input, SourceConfig source, SourceFile f) {
    refuseBinary(input, f, source.format());
    try (BufferedReader r = reader(input, f, source.csv())) {
      CsvRecordReader records = new CsvRecordReader(r, source.csv());
      if (!records.hasNext()) {
        throw RapportException.input(
            "input %s: %s has no header row; export it again with a header", input, f.display());
      }
      RawRecord header = records.next();
      if (header.malformed() != null) {
        throw RapportException.input(
            "input %s: the header of %s cannot be read (%s); check the delimiter and quote"
                + " under inputs.%s.csv",
            input, f.display(), header.malformed(), input);
      }
      return header.fields().stream().map(String::trim).toList();
    } catch (IOException e) {
      throw RapportException.input(
          "input %s: cannot read %s: %s", input, f.display(), e.getMessage());
    }
  }

  /** A workbook or binary file among text exports is named, with what to do, before it is read. */
  private static void refuseBinary(String input, SourceFile f, InputFormat format) {
    String binary = binaryKind(f);
    if (binary == null) {
      return;
    }
    String fix =
        binary.startsWith("an Excel")
            ? "save it from Excel as CSV UTF-8, or remove it from the input's folder"
            : binary.startsWith("a Parquet")
                ? "set inputs." + input + ".format: parquet, or remove it from the input's folder"
                : "remove it from the input's folder, or point inputs."
                    + input
                    + ".path at the"
                    + " export itself";
    throw RapportException.input(
        "input %s: %s is %s, not %s text; %s", input, f.display(), binary, format.key(), fix);
  }

  /** What a file's first bytes say it is when it is not text: Excel, zip, Parquet; else null. */
  private static String binaryKind(SourceFile f) {
    byte[] head = new byte[4];
    int n;
    try (var in = SourceFiles.open(f.uri())) {
      n = in.readNBytes(head, 0, 4);
    } catch (IOException e) {
      throw RapportException.input("cannot read %s: %s", f.display(), e.getMessage());
    }
    if (n < 4) {
      return null;
    }
    String name = f.display().toLowerCase(java.util.Locale.ROOT);
    if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return name.endsWith(".xlsx") || name.endsWith(".xlsm")
          ? "an Excel workbook"
          : "a zip archive (an Excel workbook or compressed export?)";
    }
    if ((head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && head[2] == 0x11) {
      return "an Excel workbook (.xls)";
    }
    if (head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
      return "a Parquet file";
    }
    return null;
  }

  private static BufferedReader reader(String input, SourceFile f, CsvOptions csv)
      throws IOException {
    return reader(input, FileSplits.Split.whole(f), csv);
  }

  /** The text of a file from a split's first byte on, its lines numbered from the split's. */
  private static BufferedReader reader(String input, FileSplits.Split split, CsvOptions csv)
      throws IOException {
    return new BufferedReader(
        new StrictDecoder(
            SourceFiles.open(split.file().uri(), split.start()),
            csv.charset(),
            input,
            split.file().display(),
            split.firstLine()));
  }

  public static StructType rawSchema(ReadPlan plan) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(Columns.SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(Columns.LINE_NUMBER, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(Columns.RAW_RECORD, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(MALFORMED, DataTypes.StringType, true));
    for (String c : plan.rawColumns()) {
      fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * The raw table of an input: every record of every file, nothing dropped, in file and line order.
   * A large text file is read by several tasks (see {@link FileSplits}; the setting {@value
   * FileSplits#SPLIT_BYTES}).
   */
  public static Dataset<Row> read(
      SparkSession spark, SourceConfig source, List<SourceFile> files, ReadPlan plan) {
    return read(spark, source, files, plan, FileSplits.splitBytes(spark));
  }

  /** {@link #read}, cutting the text files larger than {@code splitBytes} (0: none). */
  static Dataset<Row> read(
      SparkSession spark,
      SourceConfig source,
      List<SourceFile> files,
      ReadPlan plan,
      long splitBytes) {
    if (source.format() == InputFormat.PARQUET) {
      return readParquet(spark, files, plan);
    }
    InputFormat format = source.format();
    CsvOptions csv = source.csv();
    List<FileSplits.Split> splits =
        FileSplits.plan(spark, plan.input(), files, format, csv, splitBytes);
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(splits, splits.size())
            .flatMap(split -> rows(split, format, csv, plan));
    return spark.createDataFrame(rows, rawSchema(plan));
  }

  /** The raw rows of one split of a CSV or JSON-lines file, lazily. */
  static Iterator<Row> rows(
      FileSplits.Split split, InputFormat format, CsvOptions csv, ReadPlan plan) {
    return new FileRows(split, format, csv, plan);
  }

  private static Dataset<Row> readParquet(
      SparkSession spark, List<SourceFile> files, ReadPlan plan) {
    Dataset<Row> df =
        spark.read().parquet(files.stream().map(SourceFile::uri).toArray(String[]::new));
    Map<String, String> displayByUri = new LinkedHashMap<>();
    files.forEach(f -> displayByUri.put(f.uri(), f.display()));
    Column display = lit(null).cast("string");
    for (Map.Entry<String, String> e : displayByUri.entrySet()) {
      display =
          org.apache
              .spark
              .sql
              .functions
              .when(col("_metadata.file_path").endsWith(fileName(e.getKey())), lit(e.getValue()))
              .otherwise(display);
    }
    List<Column> cols = new ArrayList<>();
    cols.add(display.as(Columns.SOURCE_FILE));
    cols.add(col("_metadata.row_index").plus(1).cast("long").as(Columns.LINE_NUMBER));
    cols.add(
        to_json(
                struct(
                    plan.rawToSource().values().stream()
                        .distinct()
                        .map(df::col)
                        .toArray(Column[]::new)))
            .as(Columns.RAW_RECORD));
    cols.add(lit(null).cast("string").as(MALFORMED));
    plan.rawToSource()
        .forEach(
            (raw, src) -> {
              String actual =
                  df.columns()[ReadPlan.find(Arrays.asList(df.columns()), src).orElseThrow()];
              DataType t = df.schema().apply(actual).dataType();
              Column c = df.col(actual);
              Column asText =
                  t == DataTypes.TimestampType
                      ? date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
                      : c.cast("string");
              ColumnMapping m = plan.mappings().get(raw.replaceFirst("__\\d+$", ""));
              if (t instanceof NumericType && m != null && !m.decimalSeparator().equals(".")) {
                // a typed number prints with a point: give it the mark its column is read with
                asText =
                    org.apache.spark.sql.functions.regexp_replace(
                        asText, "\\.", Matcher.quoteReplacement(m.decimalSeparator()));
              }
              cols.add(asText.as(raw));
            });
    return df.select(cols.toArray(Column[]::new));
  }

  private static String fileName(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  static JsonNode parseJson(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Streams the rows of one split of a CSV or JSON-lines file (the whole file, or the records whose
   * first line is in the split's range), lazily, closing it at the end.
   */
  private static final class FileRows implements Iterator<Row>, java.io.Serializable {
    private final FileSplits.Split split;
    private final SourceFile file;
    private final InputFormat format;
    private final CsvOptions csv;
    private final ReadPlan plan;
    private transient BufferedReader reader;
    private transient Iterator<RawRecord> records;
    private transient int[] index;
    private transient int headerSize;
    private transient long headerLine;
    private Row next;

    FileRows(FileSplits.Split split, InputFormat format, CsvOptions csv, ReadPlan plan) {
      this.split = split;
      this.file = split.file();
      this.format = format;
      this.csv = csv;
      this.plan = plan;
    }

    private void open() {
      boolean fileStart = split.start() == 0;
      if (format == InputFormat.CSV && !fileStart) {
        // a later split: the header is the file's first record
        try (BufferedReader head = reader(plan.input(), file, csv)) {
          CsvRecordReader headRecords = new CsvRecordReader(head, csv);
          if (headRecords.hasNext()) {
            useHeader(headRecords.next());
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      try {
        reader = reader(plan.input(), split, csv);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      records =
          format == InputFormat.CSV
              ? new CsvRecordReader(reader, csv, split.firstLine(), fileStart)
              : new JsonLines(reader, split.firstLine());
      if (format == InputFormat.CSV && fileStart && records.hasNext()) {
        useHeader(records.next());
      }
    }

    private void useHeader(RawRecord rec) {
      List<String> header = rec.fields().stream().map(String::trim).toList();
      headerLine = rec.line();
      headerSize = header.size();
      index =
          plan.rawToSource().values().stream()
              .mapToInt(src -> ReadPlan.find(header, src).orElse(-1))
              .toArray();
    }

    @Override
    public boolean hasNext() {
      try {
        if (records == null) {
          open();
        }
        while (next == null && records.hasNext()) {
          RawRecord rec = records.next();
          if (rec.line() >= split.endLine()) {
            // the next split's first record: it reads on from there
            records = java.util.Collections.emptyIterator();
          } else if (format != InputFormat.CSV || split.start() == 0 || rec.line() != headerLine) {
            next = toRow(rec);
          }
        }
      } catch (StrictDecoder.Undecodable e) {
        next = stopRow(e);
        records = java.util.Collections.emptyIterator();
      }
      if (next == null) {
        close();
      }
      return next != null;
    }

    /** The file cannot be decoded: one row carries the message to the driver (see STOP). */
    private Row stopRow(StrictDecoder.Undecodable e) {
      Object[] values = new Object[4 + plan.rawToSource().size()];
      values[0] = file.display();
      values[1] = e.line();
      values[3] = STOP + e.getMessage();
      return RowFactory.create(values);
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    private Row toRow(RawRecord rec) {
      List<String> sources = List.copyOf(plan.rawToSource().values());
      Object[] values = new Object[4 + sources.size()];
      values[0] = file.display();
      values[1] = rec.line();
      values[2] = rec.raw();
      String malformed = rec.malformed();
      if (malformed == null && format == InputFormat.CSV && rec.fields().size() != headerSize) {
        malformed = "has " + rec.fields().size() + " fields where the header has " + headerSize;
      }
      values[3] = malformed;
      if (malformed == null) {
        if (format == InputFormat.CSV) {
          for (int i = 0; i < sources.size(); i++) {
            values[4 + i] = index[i] < 0 ? null : rec.fields().get(index[i]);
          }
        } else {
          JsonNode obj = ((JsonLines) records).current;
          for (int i = 0; i < sources.size(); i++) {
            values[4 + i] = jsonValue(obj, sources.get(i));
          }
        }
      }
      return RowFactory.create(values);
    }

    private void close() {
      try {
        if (reader != null) {
          reader.close();
          reader = null;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A value by key, or by dotted path into nested objects; containers as JSON text. */
  static String jsonValue(JsonNode obj, String key) {
    JsonNode v = obj.get(key);
    if (v == null) {
      // the plan matches a mapped name ignoring case when the exact one is absent
      for (Iterator<String> names = obj.fieldNames(); names.hasNext() && v == null; ) {
        String name = names.next();
        if (name.equalsIgnoreCase(key)) {
          v = obj.get(name);
        }
      }
    }
    if (v == null && key.contains(".")) {
      v = obj;
      for (String part : key.split("\\.")) {
        v = v == null ? null : v.get(part);
      }
    }
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** JSON lines as records: one object per non-blank line. */
  private static final class JsonLines implements Iterator<RawRecord> {
    private final BufferedReader in;
    private long line;
    private RawRecord next;
    JsonNode current;

    /** Lines of a file from line {@code firstLine} on. */
    JsonLines(BufferedReader in, long firstLine) {
      this.in = in;
      this.line = firstLine - 1;
    }

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      try {
        String text;
        while ((text = in.readLine()) != null) {
          line++;
          if (line == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
          }
          if (!text.isBlank()) {
            JsonNode n = parseJson(text);
            String bad = n == null ? "not valid JSON" : n.isObject() ? null : "not a JSON object";
            current = bad == null ? n : null;
            next = new RawRecord(line, text, List.of(), bad);
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public RawRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RawRecord r = next;
      next = null;
      return r;
    }
  }
}
