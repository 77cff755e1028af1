package rapport.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import rapport.errors.RapportException;

/**
 * Strict reading of one mapping in {@code rapport.yaml}. Every key read is remembered; {@link
 * #finish()} rejects the ones nobody read, naming the key and the keys that are allowed. Every
 * error names the full dotted path of the key, so the user knows which line to fix.
 */
public final class ConfigNode {
  private static final Set<String> SECRET_WORDS =
      Set.of("password", "secret", "token", "key", "api_key", "hmac_key", "credentials");

  private final String file;
  private final String path;
  private final JsonNode node;
  private final Set<String> known = new LinkedHashSet<>();

  ConfigNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node;
    if (node != null && !node.isNull() && !node.isObject()) {
      throw error("'%s' must be a mapping of keys to values, found %s", displayPath(), describe());
    }
  }

  public String path() {
    return path;
  }

  private String displayPath() {
    return path.isEmpty() ? "(top level)" : path;
  }

  private String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private JsonNode raw(String key) {
    known.add(key);
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  public boolean has(String key) {
    return raw(key) != null;
  }

  public RapportException error(String format, Object... args) {
    return RapportException.usage("%s: " + format, prepend(file, args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private String describe() {
    return node.isTextual() ? "'" + node.asText() + "'" : node.getNodeType().name().toLowerCase();
  }

  public Optional<String> optionalString(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      throw error("'%s' must be a single value, found a %s", keyPath(key), kind(v));
    }
    refuseLiteralSecret(key);
    String s = v.asText().trim();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  public String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  public String requiredString(String key, String hint) {
    return optionalString(key).orElseThrow(() -> error("'%s' is required: %s", keyPath(key), hint));
  }

  /** A value that must be one of {@code allowed} (case-insensitive); the error lists them. */
  public String oneOf(String key, Collection<String> allowed, String defaultValue) {
    Optional<String> v = optionalString(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v.get())) {
        return a;
      }
    }
    throw error(
        "'%s' is '%s'; allowed values: %s", keyPath(key), v.get(), String.join(", ", allowed));
  }

  public long integer(String key, long defaultValue, long min, long max) {
    JsonNode v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.canConvertToLong() || !(v.isIntegralNumber() || isIntegerText(v))) {
      throw error("'%s' must be a whole number from %d to %d, found %s", keyPath(key), min, max, v);
    }
    long n = v.isIntegralNumber() ? v.asLong() : Long.parseLong(v.asText().trim());
    if (n < min || n > max) {
      throw error("'%s' is %d; allowed: a whole number from %d to %d", keyPath(key), n, min, max);
    }
    return n;
  }

  private static boolean isIntegerText(JsonNode v) {
    return v.isTextual() && v.asText().trim().matches("-?\\d+");
  }

  public double number(String key, double defaultValue, double min, double max) {
    JsonNode v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    double d;
    if (v.isNumber()) {
      d = v.asDouble();
    } else {
      try {
        d = Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        throw error("'%s' must be a number from %s to %s, found %s", keyPath(key), min, max, v);
      }
    }
    if (!(d >= min && d <= max)) {
      throw error("'%s' is %s; allowed: a number from %s to %s", keyPath(key), d, min, max);
    }
    return d;
  }

  public boolean bool(String key, boolean defaultValue) {
    JsonNode v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim().toLowerCase();
    if (s.equals("true") || s.equals("yes")) {
      return true;
    }
    if (s.equals("false") || s.equals("no")) {
      return false;
    }
    throw error("'%s' is '%s'; allowed values: true, false", keyPath(key), v.asText());
  }

  public List<String> stringList(String key) {
    JsonNode v = raw(key);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isValueNode()) {
      out.add(v.asText().trim());
      return out;
    }
    if (!v.isArray()) {
      throw error("'%s' must be a list of values, found a %s", keyPath(key), kind(v));
    }
    for (JsonNode e : v) {
      if (!e.isValueNode()) {
        throw error("'%s' must be a list of single values", keyPath(key));
      }
      out.add(e.asText().trim());
    }
    return out;
  }

  /** A mapping of free keys (column names, value spellings) to single values. */
  public Map<String, String> stringMap(String key) {
    JsonNode v = raw(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw error("'%s' must be a mapping, found a %s", keyPath(key), kind(v));
    }
    v.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isValueNode()) {
                throw error("'%s.%s' must be a single value", keyPath(key), e.getKey());
              }
              out.put(e.getKey(), e.getValue().asText());
            });
    return out;
  }

  /** A list of mappings, each read strictly on its own. */
  public List<ConfigNode> list(String key) {
    JsonNode v = raw(key);
    List<ConfigNode> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw error("'%s' must be a list, found a %s", keyPath(key), kind(v));
    }
    for (int i = 0; i < v.size(); i++) {
      out.add(new ConfigNode(file, keyPath(key) + "[" + i + "]", v.get(i)));
    }
    return out;
  }

  public ConfigNode child(String key) {
    return new ConfigNode(file, keyPath(key), raw(key));
  }

  /** Reads every entry of a mapping whose keys are free (names), each with {@code reader}. */
  public <T> Map<String, T> entries(String key, Function<Entry, T> reader) {
    JsonNode v = raw(key);
    Map<String, T> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw error("'%s' must be a mapping, found a %s", keyPath(key), kind(v));
    }
    v.fields()
        .forEachRemaining(
            e ->
                out.put(
                    e.getKey(),
                    reader.apply(
                        new Entry(
                            file, keyPath(key) + "." + e.getKey(), e.getKey(), e.getValue()))));
    return out;
  }

  /** One entry of a free-keyed mapping: its value may be a single value or a mapping. */
  public record Entry(String file, String path, String key, JsonNode value) {
    public boolean isScalar() {
      return value == null || value.isValueNode();
    }

    public String text() {
      return value == null || value.isNull() ? null : value.asText().trim();
    }

    public ConfigNode node() {
      return new ConfigNode(file, path, value);
    }

    /** An error about this entry, whatever its value's shape. */
    public RapportException error(String format, Object... args) {
      return RapportException.usage("%s: " + format, prepend(file, args));
    }
  }

  /**
   * A secret comes from the environment variable named under {@code key + "_env"}; a literal secret
   * in the file is refused.
   */
  public Optional<String> secret(String key) {
    Optional<String> var = optionalString(key + "_env");
    if (var.isEmpty()) {
      return Optional.empty();
    }
    String value = System.getenv(var.get());
    if (value == null || value.isEmpty()) {
      throw error(
          "'%s_env' names the environment variable %s, which is not set: export it before the run",
          keyPath(key), var.get());
    }
    return Optional.of(value);
  }

  private void refuseLiteralSecret(String key) {
    if (SECRET_WORDS.contains(key.toLowerCase())) {
      throw error(
          "'%s' holds a secret in the file; secrets come only from environment variables: write"
              + " '%s_env: VARIABLE_NAME' instead",
          keyPath(key), key);
    }
  }

  /** Rejects keys that nobody asked for. Call after reading every key of this mapping. */
  public void finish() {
    if (node == null || node.isNull()) {
      return;
    }
    Set<String> unknown = new TreeSet<>();
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                unknown.add(k);
              }
            });
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      if (SECRET_WORDS.contains(first.toLowerCase())) {
        refuseLiteralSecret(first);
      }
      throw error(
          "unknown key '%s'; allowed keys%s: %s",
          keyPath(first), path.isEmpty() ? "" : " under '" + path + "'", String.join(", ", known));
    }
  }

  private static String kind(JsonNode v) {
    return v.isArray() ? "list" : v.isObject() ? "mapping" : "value";
  }
}
