package rapport.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import rapport.config.ColumnMapping;
import rapport.config.InputFormat;
import rapport.config.SourceConfig;
import rapport.errors.RapportException;
import rapport.schema.Contract;
import rapport.schema.Field;

/**
 * Which source columns are read into which raw columns. A contract column with one source is read
 * into a raw column of its own name; a product of sources into {@code name__0}, {@code name__1},
 * ... Constants need no source. Contract columns that are not mapped are read when the source has a
 * column of the contract's name.
 */
public final class ReadPlan implements Serializable {
  private final String input;
  private final Map<String, String> rawToSource;
  private final Map<String, ColumnMapping> mappings;

  private ReadPlan(String input, Map<String, String> rawToSource, Map<String, ColumnMapping> m) {
    this.input = input;
    this.rawToSource = rawToSource;
    this.mappings = m;
  }

  /**
   * Resolves the plan against the columns the files actually have.
   *
   * @param headers the column names found in each file, by file display name
   */
  public static ReadPlan resolve(
      Contract contract, SourceConfig source, Map<String, List<String>> headers) {
    Map<String, ColumnMapping> mappings = new LinkedHashMap<>();
    Map<String, String> rawToSource = new LinkedHashMap<>();
    String input = contract.name();
    for (Field f : contract.fields()) {
      ColumnMapping m = source.columns().get(f.name());
      if (m == null) {
        if (headers.values().stream().anyMatch(h -> find(h, f.name()).isPresent())) {
          m = ColumnMapping.identity(f.name());
        } else if (f.required()) {
          throw missing(input, f.name(), f.name(), headers, true);
        } else {
          continue;
        }
      } else if (source.format() == InputFormat.JSONL) {
        // a JSON-lines file omits a key whose values are all null: one file must have it
        for (String src : m.sources()) {
          if (headers.values().stream().noneMatch(h -> find(h, src).isPresent())) {
            throw missing(input, src, f.name(), headers, false);
          }
        }
      } else {
        for (String src : m.sources()) {
          headers.forEach(
              (file, h) -> {
                if (find(h, src).isEmpty()) {
                  throw missing(input, src, f.name(), Map.of(file, h), false);
                }
              });
        }
      }
      mappings.put(f.name(), m);
      List<String> raws = rawNames(m);
      for (int i = 0; i < raws.size(); i++) {
        rawToSource.put(raws.get(i), m.sources().get(i));
      }
    }
    return new ReadPlan(input, rawToSource, mappings);
  }

  private static RapportException missing(
      String input,
      String source,
      String column,
      Map<String, List<String>> headers,
      boolean unmapped) {
    Map.Entry<String, List<String>> first = headers.entrySet().iterator().next();
    String found = String.join(", ", first.getValue());
    if (found.length() > 300) {
      found = found.substring(0, 300) + ", ...";
    }
    return RapportException.input(
        "input %s: required column '%s' not found in %s (columns found: %s); %s",
        input,
        source,
        first.getKey(),
        found,
        unmapped
            ? "map it in the configuration under inputs." + input + ".columns." + column
            : "fix inputs." + input + ".columns." + column + " or the export");
  }

  /** The raw column names a mapping is read into. */
  public static List<String> rawNames(ColumnMapping m) {
    if (m.isConstant()) {
      return List.of();
    }
    if (m.sources().size() == 1) {
      return List.of(m.column());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < m.sources().size(); i++) {
      out.add(m.column() + "__" + i);
    }
    return out;
  }

  /** The position of a source column in a header: exact name first, then ignoring case. */
  public static Optional<Integer> find(List<String> header, String name) {
    int exact = header.indexOf(name);
    if (exact >= 0) {
      return Optional.of(exact);
    }
    String want = name.trim().toLowerCase(Locale.ROOT);
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(want)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  public String input() {
    return input;
  }

  /** Raw column name to the source column it is read from, in contract order. */
  public Map<String, String> rawToSource() {
    return rawToSource;
  }

  /** The mapping of every contract column that has a value (source or constant). */
  public Map<String, ColumnMapping> mappings() {
    return mappings;
  }

  public List<String> rawColumns() {
    return List.copyOf(rawToSource.keySet());
  }
}
