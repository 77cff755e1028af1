package rapport.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rapport.report.ReportSettings;

/**
 * The stages' own sections of {@code rapport.yaml}. Each stage keeps a settings record in its
 * package with a {@code read(ConfigNode)} that reads its keys with defaults and calls {@code
 * finish()}; it is listed here once. An absent section reads as all defaults.
 */
public final class ConfigSections {
  private ConfigSections() {}

  /** A section: its key in the file, the settings type, and how to read it. */
  public record Section<T>(String key, Class<T> type, Function<ConfigNode, T> reader) {}

  static List<Section<?>> all() {
    return List.of(
        // one section per line, in pipeline order
        new Section<>(ReportSettings.KEY, ReportSettings.class, ReportSettings::read));
  }

  /** Reads every registered section from the root of the file. */
  static Map<Class<?>, Object> read(ConfigNode root) {
    Map<Class<?>, Object> out = new LinkedHashMap<>();
    for (Section<?> s : all()) {
      out.put(s.type(), s.reader().apply(root.child(s.key())));
    }
    return out;
  }
}
