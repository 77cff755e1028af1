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
 */
public record RapportConfig(
    Path file,
    String sha256,
    Optional<LocalDate> asOf,
    ZoneId timeZone,
    int horizonDays,
    Map<String, InputConfig> inputs,
    Optional<Path> outDir) {

  public Optional<InputConfig> input(String name) {
    return Optional.ofNullable(inputs.get(name));
  }
}
