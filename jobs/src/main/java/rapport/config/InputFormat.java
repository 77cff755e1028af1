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

  /**
   * Whether a file in a folder of this format is one of its files by its name: .csv or .tsv,
   * .jsonl, .ndjson or .json, .parquet (compressed text as .gz, .bz2 or .zst). A .txt is not taken
   * for CSV in a folder, where it is usually a read-me; an include pattern can say otherwise.
   */
  public boolean isFileOf(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|bz2|zst)$", "");
    return switch (this) {
      case CSV -> n.endsWith(".csv") || n.endsWith(".tsv");
      case JSONL -> n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json");
      case PARQUET -> name.toLowerCase(Locale.ROOT).endsWith(".parquet");
    };
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
