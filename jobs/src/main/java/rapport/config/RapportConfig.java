package rapport.config;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration of a run, built once from {@code rapport.yaml}.
 *
 * @param file the configuration file
 * @param sha256 hash of the file's bytes (recorded in the manifest)
 * @param asOf the as-of date T, when the file fixes it
 * @param timeZone the zone that local timestamps are read in and that dates are cut in
 * @param horizonDays the retention horizon H in days
 * @param inputs the configured inputs by contract name, in ingestion order
 * @param outDir the default output folder, when the file names one
 * @param commit how a run is published ({@code output.commit}, see {@link CommitMode})
 * @param sections the stages' settings, by type (see {@link ConfigSections})
 */
public record RapportConfig(
    Path file,
    String sha256,
    Optional<LocalDate> asOf,
    ZoneId timeZone,
    int horizonDays,
    Map<String, InputConfig> inputs,
    Optional<Path> outDir,
    CommitMode commit,
    Map<Class<?>, Object> sections) {

  public Optional<InputConfig> input(String name) {
    return Optional.ofNullable(inputs.get(name));
  }

  /**
   * A stage's settings; every registered section is present, with defaults when not in the file.
   */
  public <T> T section(Class<T> type) {
    Object s = sections.get(type);
    if (s == null) {
      throw new IllegalStateException("no configuration section registered for " + type.getName());
    }
    return type.cast(s);
  }
}
