package rapport.scores;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Rows for the driver in the order {@code orderBy(columns)} gives them, sorted on the driver: the
 * rows are few (a sample, the distinct BG/NBD triples), and a distributed sort costs a Spark job
 * for its range bounds and one for its shuffle. The columns must order the rows totally (a unique
 * key), so that the fits see them in one order on every master.
 */
public final class SortedRows {
  private SortedRows() {}

  public static List<Row> collect(Dataset<Row> df, String... columns) {
    List<Row> rows = new ArrayList<>(df.collectAsList());
    sort(rows, columns);
    return rows;
  }

  /** Sorts rows already on the driver as {@code orderBy(columns)} would. */
  public static void sort(List<Row> rows, String... columns) {
    if (rows.isEmpty()) {
      return;
    }
    Comparator<Row> order = null;
    for (String name : columns) {
      int i = rows.get(0).fieldIndex(name);
      Comparator<Row> next = (a, b) -> compare(a.get(i), b.get(i));
      order = order == null ? next : order.thenComparing(next);
    }
    rows.sort(order);
  }

  /** As Spark orders ascending: nulls first, strings by their UTF-8 bytes. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof String s) {
      return UTF8String.fromString(s).binaryCompare(UTF8String.fromString((String) b));
    }
    return ((Comparable) a).compareTo(b);
  }
}
