package rapport.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The stages' own sections of {@code rapport.yaml}. Each stage keeps a settings record in its
 * package with its key and a {@code read(ConfigNode)} that reads its keys with defaults and calls
 * {@code finish()}; the command line's wiring registers them, so this package knows no stage. An
 * absent section reads as all defaults.
 */
public final class ConfigSections {
  private ConfigSections() {}

  /** A section: its key in the file, the settings type, and how to read it. */
  public record Section<T>(String key, Class<T> type, Function<ConfigNode, T> reader) {}

  /** Reads every registered section from the root of the file, in the order given. */
  static Map<Class<?>, Object> read(ConfigNode root, List<Section<?>> sections) {
    Map<Class<?>, Object> out = new LinkedHashMap<>();
    for (Section<?> s : sections) {
      out.put(s.type(), s.reader().apply(root.child(s.key())));
    }
    return out;
  }
}
