package rapport.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import rapport.errors.RapportException;

/**
 * The accounting of one input: every row read is valid or quarantined, and the quarantined ones are
 * counted by reason.
 *
 * @param filesSkipped files of an input folder left out by its include patterns
 * @param rowsWritten rows of the clean table (fewer than valid rows when order lines roll up)
 * @param outOfRangeReadAsEmpty by optional date column: the valid rows whose value lay outside the
 *     column's plausible range and was read as empty ({@code rows}), and that range ({@code range})
 *     <p>{@link #document} is the JSON of {@code quality/report.json}, {@link #read} reads it back:
 *     the keys below are the one definition both use.
 */
public record QualityReport(
    String input,
    String path,
    String format,
    List<String> files,
    List<String> filesSkipped,
    long rowsRead,
    long rowsValid,
    long rowsQuarantined,
    long rowsWritten,
    Map<String, Long> quarantinedByReason,
    Map<String, Map<String, Object>> outOfRangeReadAsEmpty,
    double maxBadShare,
    String note) {

  // the keys of quality/report.json
  public static final String AS_OF = "as_of";
  public static final String INPUTS = "inputs";
  public static final String ERROR = "error";
  public static final String PATH = "path";
  public static final String FORMAT = "format";
  public static final String FILES = "files";
  public static final String FILES_SKIPPED = "files_skipped_by_include";
  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_VALID = "rows_valid";
  public static final String ROWS_QUARANTINED = "rows_quarantined";
  public static final String ROWS_WRITTEN = "rows_written";
  public static final String QUARANTINED_BY_REASON = "quarantined_by_reason";
  public static final String OUT_OF_RANGE = "out_of_range_read_as_empty";
  public static final String BAD_SHARE = "bad_share";
  public static final String MAX_BAD_SHARE = "max_bad_share";
  public static final String WITHIN_TOLERANCE = "within_tolerance";
  public static final String NOTE = "note";
  // the keys of an out_of_range_read_as_empty entry
  static final String ROWS = "rows";
  static final String RANGE = "range";

  public double badShare() {
    return rowsRead == 0 ? 0 : (double) rowsQuarantined / rowsRead;
  }

  public boolean withinTolerance() {
    return badShare() <= maxBadShare;
  }

  /** The reasons by count, largest first, then by name: "UNPARSEABLE_DATE 120, ...". */
  public String topReasons(int n) {
    return quarantinedByReason.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** The JSON form of one input in {@code quality/report.json}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(PATH, path);
    m.put(FORMAT, format);
    m.put(FILES, files);
    if (!filesSkipped.isEmpty()) {
      m.put(FILES_SKIPPED, filesSkipped);
    }
    m.put(ROWS_READ, rowsRead);
    m.put(ROWS_VALID, rowsValid);
    m.put(ROWS_QUARANTINED, rowsQuarantined);
    m.put(ROWS_WRITTEN, rowsWritten);
    m.put(QUARANTINED_BY_REASON, quarantinedByReason);
    if (!outOfRangeReadAsEmpty.isEmpty()) {
      m.put(OUT_OF_RANGE, outOfRangeReadAsEmpty);
    }
    m.put(BAD_SHARE, Math.round(badShare() * 1e6) / 1e6);
    m.put(MAX_BAD_SHARE, maxBadShare);
    m.put(WITHIN_TOLERANCE, withinTolerance());
    if (note != null) {
      m.put(NOTE, note);
    }
    return m;
  }

  /**
   * {@code quality/report.json}: the as-of date, each input's accounting, and the error that
   * stopped ingest ({@code error} null when none did).
   */
  public static Map<String, Object> document(
      LocalDate asOf, Map<String, QualityReport> reports, String error) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(AS_OF, asOf.toString());
    Map<String, Object> inputs = new LinkedHashMap<>();
    reports.forEach((k, v) -> inputs.put(k, v.toJson()));
    json.put(INPUTS, inputs);
    if (error != null) {
      json.put(ERROR, error);
    }
    return json;
  }

  /**
   * The inputs' accounting read back from a {@code quality/report.json}, in its order; empty when
   * there is no such file. A file that is not JSON is an input error (exit 3).
   */
  public static List<QualityReport> read(Path reportJson) {
    List<QualityReport> out = new ArrayList<>();
    if (!Files.isRegularFile(reportJson)) {
      return out;
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(reportJson));
    } catch (IOException e) {
      throw RapportException.input(
          "%s is not readable JSON (%s); rerun ./rapport ingest", reportJson, e.getMessage());
    }
    root.path(INPUTS).fields().forEachRemaining(e -> out.add(fromJson(e.getKey(), e.getValue())));
    return out;
  }

  private static QualityReport fromJson(String input, JsonNode q) {
    Map<String, Long> reasons = new TreeMap<>();
    q.path(QUARANTINED_BY_REASON)
        .fields()
        .forEachRemaining(r -> reasons.put(r.getKey(), r.getValue().asLong()));
    Map<String, Map<String, Object>> cleared = new TreeMap<>();
    q.path(OUT_OF_RANGE)
        .fields()
        .forEachRemaining(
            c -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put(ROWS, c.getValue().path(ROWS).asLong());
              entry.put(RANGE, c.getValue().path(RANGE).asText(null));
              cleared.put(c.getKey(), entry);
            });
    return new QualityReport(
        input,
        q.hasNonNull(PATH) ? q.get(PATH).asText() : null,
        q.path(FORMAT).asText(""),
        strings(q.path(FILES)),
        strings(q.path(FILES_SKIPPED)),
        q.path(ROWS_READ).asLong(),
        q.path(ROWS_VALID).asLong(),
        q.path(ROWS_QUARANTINED).asLong(),
        q.path(ROWS_WRITTEN).asLong(),
        reasons,
        cleared,
        q.path(MAX_BAD_SHARE).asDouble(),
        q.hasNonNull(NOTE) ? q.get(NOTE).asText() : null);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
