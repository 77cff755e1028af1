package rapport.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rapport.errors.RapportException;
import rapport.fs.Storage;
import rapport.schema.Contract;
import rapport.schema.Field;
import rapport.schema.FieldType;
import rapport.schema.Schemas;

/** Reads and validates {@code rapport.yaml}. Every mistake is exit 2 naming the key. */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param file the configuration file
   * @param sections the stages' sections, in pipeline order (the wiring registers them)
   */
  public static RapportConfig load(Path file, List<ConfigSections.Section<?>> sections) {
    if (!Files.isRegularFile(file)) {
      throw RapportException.usage(
          "configuration file %s not found: pass an existing rapport.yaml with --config", file);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw RapportException.usage("cannot read configuration file %s: %s", file, e.getMessage());
    }
    JsonNode tree = YamlTree.read(file.toString(), bytes);
    return parse(file, sha256(bytes), tree, sections);
  }

  static RapportConfig parse(
      Path file, String sha, JsonNode tree, List<ConfigSections.Section<?>> registered) {
    String name = file.getFileName().toString();
    ConfigNode root = new ConfigNode(name, "", tree);
    Path base = file.toAbsolutePath().getParent();

    Optional<LocalDate> asOf = root.optionalString("as_of").map(v -> date(root, "as_of", v));
    ZoneId zone = zone(root, root.string("time_zone", "UTC"));
    int horizon = (int) root.integer("horizon_days", 180, 7, 3660);

    ConfigNode quality = root.child("quality");
    double maxBad = quality.number("max_bad_share", 0.05, 0.0, 1.0);
    quality.finish();

    ConfigNode output = root.child("output");
    Optional<Path> outDir = output.optionalString("dir").map(v -> Storage.resolve(base, v));
    CommitMode commit =
        CommitMode.valueOf(
            output
                .oneOf(
                    "commit",
                    java.util.Arrays.stream(CommitMode.values()).map(CommitMode::key).toList(),
                    CommitMode.AUTO.key())
                .toUpperCase(java.util.Locale.ROOT));
    output.finish();

    ConfigNode inputsNode = root.child("inputs");
    Map<String, InputConfig> inputs = new LinkedHashMap<>();
    for (Contract contract : Schemas.INPUTS) {
      if (inputsNode.has(contract.name())) {
        inputs.put(
            contract.name(), input(inputsNode.child(contract.name()), contract, base, maxBad));
      }
    }
    inputsNode.finish();
    Map<Class<?>, Object> sections = ConfigSections.read(root, registered);
    root.finish();
    if (!inputs.containsKey(Schemas.ORDERS.name())) {
      throw root.error(
          "'inputs.orders' is required: name the order log's file or folder under inputs.orders.path");
    }
    return new RapportConfig(file, sha, asOf, zone, horizon, inputs, outDir, commit, sections);
  }

  private static InputConfig input(ConfigNode n, Contract contract, Path base, double maxBad) {
    List<SourceConfig> sources = new ArrayList<>();
    if (n.has("sources")) {
      for (ConfigNode s : n.list("sources")) {
        sources.add(source(s, contract, base));
        s.finish();
      }
      if (sources.isEmpty()) {
        throw n.error("'%s.sources' is empty: list at least one file or folder", n.path());
      }
    } else {
      sources.add(source(n, contract, base));
    }
    boolean lineItems = n.bool("line_items", false);
    if (lineItems && contract != Schemas.ORDERS) {
      throw n.error("'%s.line_items' applies only to inputs.orders", n.path());
    }
    double share = n.number("max_bad_share", maxBad, 0.0, 1.0);
    n.finish();
    return new InputConfig(contract, List.copyOf(sources), lineItems, share);
  }

  private static SourceConfig source(ConfigNode n, Contract contract, Path base) {
    Path path = Storage.resolve(base, n.requiredString("path", "the file or folder of this input"));
    Optional<InputFormat> byName = InputFormat.fromFileName(path.getFileName().toString());
    String fmt =
        n.oneOf(
            "format",
            List.of("csv", "jsonl", "parquet"),
            byName.map(InputFormat::key).orElse("csv"));
    InputFormat format = InputFormat.valueOf(fmt.toUpperCase());
    CsvOptions csv = csvOptions(n.child("csv"), path);
    Map<String, ColumnMapping> columns = new LinkedHashMap<>();
    n.entries("columns", e -> mapping(e, contract))
        .values()
        .forEach(m -> columns.put(m.column(), m));
    List<String> include = n.stringList("include");
    for (String glob : include) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + glob);
      } catch (RuntimeException ex) {
        throw n.error(
            "'%s.include' has '%s', not a file name pattern; allowed: patterns such as"
                + " \"*.csv\" or \"orders-*.csv.gz\"",
            n.path(), glob);
      }
    }
    return new SourceConfig(path, format, csv, columns, List.copyOf(include));
  }

  private static CsvOptions csvOptions(ConfigNode n, Path path) {
    String defaultDelimiter = path.toString().toLowerCase().endsWith(".tsv") ? "\t" : ",";
    String delimiter = n.string("delimiter", defaultDelimiter);
    if (delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t")) {
      delimiter = "\t";
    }
    if (delimiter.length() != 1) {
      throw n.error(
          "'%s.delimiter' is '%s'; allowed: one character such as ',', ';', '|' or 'tab'",
          n.path(), delimiter);
    }
    String quote = n.string("quote", "\"");
    if (quote.length() != 1 || quote.equals(delimiter)) {
      throw n.error(
          "'%s.quote' is '%s'; allowed: one character other than the delimiter", n.path(), quote);
    }
    String enc = n.string("encoding", "UTF-8");
    Charset charset;
    try {
      charset = Charset.forName(enc);
    } catch (RuntimeException e) {
      throw n.error(
          "'%s.encoding' is '%s'; allowed: a charset name such as UTF-8, windows-1252, ISO-8859-1",
          n.path(), enc);
    }
    int maxLines = (int) n.integer("max_record_lines", 100, 1, 100_000);
    n.finish();
    return new CsvOptions(delimiter.charAt(0), quote.charAt(0), charset.name(), maxLines);
  }

  private static ColumnMapping mapping(ConfigNode.Entry e, Contract contract) {
    Field field =
        contract
            .field(e.key())
            .orElseThrow(
                () ->
                    e.error(
                        "unknown column '%s' for input %s; allowed columns: %s",
                        e.path(), contract.name(), String.join(", ", contract.columnNames())));
    if (e.isScalar()) {
      String src = e.text();
      if (src == null || src.isEmpty()) {
        throw e.error("'%s' must name a source column", e.path());
      }
      return new ColumnMapping(
          field.name(),
          List.of(src),
          null,
          null,
          ".",
          ",",
          Map.of(),
          null,
          null,
          null,
          null,
          null,
          null);
    }
    ConfigNode n = e.node();
    List<String> sources = new ArrayList<>(n.stringList("source"));
    List<String> product = n.stringList("product_of");
    String constant = n.optionalString("value").orElse(null);
    String combine = null;
    if (!product.isEmpty()) {
      if (!sources.isEmpty() || field.type() != FieldType.DECIMAL) {
        throw n.error(
            "'%s.product_of' multiplies numeric source columns into a decimal column; use it"
                + " alone, on a decimal column",
            e.path());
      }
      if (product.size() < 2) {
        throw n.error("'%s.product_of' needs two or more source columns", e.path());
      }
      sources = product;
      combine = ColumnMapping.PRODUCT;
    }
    if (sources.size() > 1 && combine == null) {
      throw n.error(
          "'%s.source' names %d columns; name one, or use product_of to multiply them",
          e.path(), sources.size());
    }
    if (sources.isEmpty() == (constant == null)) {
      throw n.error(
          "'%s' needs exactly one of 'source' (a column of the file) or 'value' (a fixed value)",
          e.path());
    }
    String format = n.optionalString("format").orElse(null);
    if (format != null) {
      checkFormat(n, e.path(), field, format);
    }
    String decimal = n.string("decimal_separator", ".");
    String grouping = n.string("grouping_separator", decimal.equals(",") ? "." : ",");
    if (decimal.length() != 1 || grouping.length() > 1 || decimal.equals(grouping)) {
      throw n.error(
          "'%s': decimal_separator must be one character and differ from grouping_separator",
          e.path());
    }
    Map<String, String> values = new LinkedHashMap<>();
    n.stringMap("values").forEach((k, v) -> values.put(k.trim().toLowerCase(), v.trim()));
    if (!field.allowed().isEmpty()) {
      for (String v : values.values()) {
        if (!v.isEmpty() && !field.allowed().contains(v.toLowerCase())) {
          throw n.error(
              "'%s.values' maps to '%s'; allowed values of %s: %s",
              e.path(),
              v,
              field.name(),
              String.join(", ", field.allowed().stream().sorted().toList()));
        }
      }
    }
    String defaultValue = n.optionalString("default").orElse(null);
    String scale = n.optionalString("scale").orElse(null);
    if (scale != null) {
      boolean numeric = field.type() == FieldType.DECIMAL || field.type() == FieldType.INTEGER;
      if (!numeric || !scale.matches("-?\\d+(\\.\\d+)?")) {
        throw n.error(
            "'%s.scale' is '%s'; allowed: a number, on a numeric column (e.g. 60 for minutes to"
                + " seconds)",
            e.path(), scale);
      }
    }
    boolean temporal = field.type() == FieldType.DATE || field.type() == FieldType.TIMESTAMP;
    LocalDate earliest = temporalBound(n, e.path(), "earliest", temporal);
    LocalDate latest = temporalBound(n, e.path(), "latest", temporal);
    if (earliest != null && latest != null && latest.isBefore(earliest)) {
      throw n.error(
          "'%s': latest (%s) is before earliest (%s); give the plausible range in order",
          e.path(), latest, earliest);
    }
    LocalDate monthsBefore = temporalBound(n, e.path(), "months_before", temporal);
    if (monthsBefore != null && (format != null || sources.size() != 1)) {
      throw n.error(
          "'%s.months_before' reads one source column holding a whole number of months before"
              + " that date (a tenure); use it without format",
          e.path());
    }
    n.finish();
    return new ColumnMapping(
        field.name(),
        List.copyOf(sources),
        constant,
        format,
        decimal,
        grouping,
        values,
        combine,
        defaultValue,
        scale,
        earliest,
        latest,
        monthsBefore);
  }

  /** A date key of a column mapping ({@code earliest}, {@code latest}, {@code months_before}). */
  private static LocalDate temporalBound(ConfigNode n, String path, String key, boolean temporal) {
    Optional<String> v = n.optionalString(key);
    if (v.isEmpty()) {
      return null;
    }
    if (!temporal) {
      throw n.error("'%s.%s' applies to date and timestamp columns", path, key);
    }
    try {
      return LocalDate.parse(v.get());
    } catch (DateTimeException ex) {
      throw n.error("'%s.%s' is '%s'; allowed: a date as yyyy-MM-dd", path, key, v.get());
    }
  }

  private static void checkFormat(ConfigNode n, String path, Field field, String format) {
    boolean temporal = field.type() == FieldType.DATE || field.type() == FieldType.TIMESTAMP;
    if (!temporal) {
      throw n.error(
          "'%s.format' applies to date and timestamp columns; %s is %s",
          path, field.name(), field.type().name().toLowerCase());
    }
    if (format.equalsIgnoreCase(ColumnMapping.ISO)
        || format.equalsIgnoreCase(ColumnMapping.EXCEL_SERIAL)) {
      return;
    }
    try {
      DateTimeFormatter.ofPattern(format);
    } catch (IllegalArgumentException ex) {
      throw n.error(
          "'%s.format' is '%s', not a valid pattern (%s); allowed: iso, excel_serial or a"
              + " pattern such as M/d/yyyy or dd.MM.yyyy HH:mm",
          path, format, ex.getMessage());
    }
  }

  private static LocalDate date(ConfigNode n, String key, String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeException e) {
      throw n.error("'%s' is '%s'; allowed: a date as yyyy-MM-dd", key, v);
    }
  }

  private static ZoneId zone(ConfigNode n, String v) {
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw n.error(
          "'time_zone' is '%s'; allowed: an IANA zone such as UTC, Europe/Berlin,"
              + " America/New_York",
          v);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
