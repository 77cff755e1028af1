package rapport.outreach;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rapport.run.RunLayout;
import rapport.schema.Columns;
import rapport.schema.Outreach;
import rapport.schema.Rows;

/**
 * {@code delta.csv}: how this week's list differs from the previous run's: {@code new} (on this
 * list only), {@code still_open} (on both: the earlier task may still be open) and {@code dropped}
 * (on the previous list only: touched since, suppressed, or outranked).
 */
final class Delta {
  private Delta() {}

  static final String FILE = "delta";

  /** A previous list entry. */
  record Entry(String customerId, int rank, String repId) {}

  /** Whether a run folder holds an outreach table to compare this week's list with. */
  static boolean wroteOutreach(Path run) {
    return Files.isDirectory(RunLayout.table(run, Outreach.TABLE));
  }

  static List<Entry> read(SparkSession spark, Path run) {
    List<Entry> out = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .parquet(RunLayout.table(run, Outreach.TABLE).toString())
            .filter(col(Outreach.IS_HOLDOUT).equalTo(false))
            .select(Columns.CUSTOMER_ID, Outreach.RANK, Outreach.REP_ID)
            .collectAsList()) {
      out.add(
          new Entry(
              Rows.string(r, Columns.CUSTOMER_ID),
              Rows.integer(r, Outreach.RANK),
              Rows.string(r, Outreach.REP_ID)));
    }
    return out;
  }

  /** The rows of delta.csv in order: new, still_open, dropped; each by rank, then id. */
  static List<List<String>> rows(List<OutreachRow> now, List<Entry> before) {
    Map<String, Entry> prev = new TreeMap<>();
    before.forEach(e -> prev.put(e.customerId(), e));
    Map<String, OutreachRow> cur = new TreeMap<>();
    now.stream().filter(r -> !r.isHoldout()).forEach(r -> cur.put(r.customerId(), r));
    record Line(int group, int rank, String id, List<String> cells) {}
    List<Line> lines = new ArrayList<>();
    cur.forEach(
        (id, r) -> {
          Entry e = prev.get(id);
          lines.add(
              new Line(
                  e == null ? 0 : 1,
                  r.rank(),
                  id,
                  List.of(
                      e == null ? "new" : "still_open",
                      id,
                      String.valueOf(r.rank()),
                      e == null ? "" : String.valueOf(e.rank()),
                      r.repId(),
                      e == null ? "" : e.repId())));
        });
    prev.forEach(
        (id, e) -> {
          if (!cur.containsKey(id)) {
            lines.add(
                new Line(
                    2,
                    e.rank(),
                    id,
                    List.of("dropped", id, "", String.valueOf(e.rank()), "", e.repId())));
          }
        });
    lines.sort(
        Comparator.comparingInt(Line::group).thenComparingInt(Line::rank).thenComparing(Line::id));
    return lines.stream().map(Line::cells).toList();
  }

  static final List<String> HEADER =
      List.of("change", "customer_id", "rank", "previous_rank", "rep_id", "previous_rep_id");
}
