package rapport.config;

import java.util.Locale;
import java.util.Optional;

/** The file formats an input can come in. */
public enum InputFormat {
  CSV,
  JSONL,
  PARQUET;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format a file's extension suggests, if any. */
  public static Optional<InputFormat> fromFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt")) {
      return Optional.of(CSV);
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return Optional.of(JSONL);
    }
    if (n.endsWith(".parquet")) {
      return Optional.of(PARQUET);
    }
    return Optional.empty();
  }
}
