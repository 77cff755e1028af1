package rapport.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rapport.outreach.OutreachSettings;
import rapport.publish.SinkSettings;
import rapport.report.ReportSettings;
import rapport.retention.RetentionSettings;
import rapport.scores.ScoreSettings;
import rapport.touches.TouchSettings;

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
        new Section<>("touches", TouchSettings.class, TouchSettings::read),
        new Section<>(ScoreSettings.SECTION, ScoreSettings.class, ScoreSettings::read),
        new Section<>(RetentionSettings.SECTION, RetentionSettings.class, RetentionSettings::read),
        new Section<>(OutreachSettings.SECTION, OutreachSettings.class, OutreachSettings::read),
        new Section<>(ReportSettings.KEY, ReportSettings.class, ReportSettings::read),
        new Section<>(SinkSettings.SECTION, SinkSettings.class, SinkSettings::read));
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
