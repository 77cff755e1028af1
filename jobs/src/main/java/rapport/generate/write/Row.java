package rapport.generate.write;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A row under construction, set by column name and emitted in the header's order. */
public final class Row {
  private final Map<String, Integer> index;
  private final String[] values;

  private Row(Map<String, Integer> index, int size) {
    this.index = index;
    this.values = new String[size];
  }

  /** A factory of rows for one header. */
  public static final class Shape {
    private final Map<String, Integer> index = new HashMap<>();
    private final int size;

    public Shape(List<String> header) {
      for (int i = 0; i < header.size(); i++) {
        index.put(header.get(i), i);
      }
      size = header.size();
    }

    public Row row() {
      return new Row(index, size);
    }
  }

  public Row set(String column, String value) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException("no column " + column);
    }
    values[i] = value;
    return this;
  }

  /** The values in header order; unset columns are empty. */
  public String[] values() {
    String[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] = "";
      }
    }
    return out;
  }
}
