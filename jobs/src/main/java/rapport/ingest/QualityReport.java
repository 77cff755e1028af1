package rapport.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The accounting of one input: every row read is valid or quarantined, and the quarantined ones are
 * counted by reason.
 *
 * @param filesSkipped files of an input folder left out by its include patterns
 * @param rowsWritten rows of the clean table (fewer than valid rows when order lines roll up)
 * @param outOfRangeReadAsEmpty by optional date column: the valid rows whose value lay outside the
 *     column's plausible range and was read as empty ({@code rows}), and that range ({@code range})
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

  /** The JSON form written to {@code quality/report.json}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("format", format);
    m.put("files", files);
    if (!filesSkipped.isEmpty()) {
      m.put("files_skipped_by_include", filesSkipped);
    }
    m.put("rows_read", rowsRead);
    m.put("rows_valid", rowsValid);
    m.put("rows_quarantined", rowsQuarantined);
    m.put("rows_written", rowsWritten);
    m.put("quarantined_by_reason", quarantinedByReason);
    if (!outOfRangeReadAsEmpty.isEmpty()) {
      m.put("out_of_range_read_as_empty", outOfRangeReadAsEmpty);
    }
    m.put("bad_share", Math.round(badShare() * 1e6) / 1e6);
    m.put("max_bad_share", maxBadShare);
    m.put("within_tolerance", withinTolerance());
    if (note != null) {
      m.put("note", note);
    }
    return m;
  }
}
