package rapport.config;

import java.util.Locale;
import java.util.Set;

/**
 * How a run is published ({@code output.commit}): {@code rename} moves the finished staging folder
 * into place (atomic on local disks and HDFS); {@code marker} writes the run in place under a
 * unique folder and publishes it with a small pointer written last (for object stores, where a
 * rename is a copy); {@code auto} takes {@code marker} for object-store schemes and {@code rename}
 * for the rest.
 */
public enum CommitMode {
  RENAME,
  MARKER,
  AUTO;

  /** The URI schemes of object stores: no atomic rename of a folder. */
  private static final Set<String> OBJECT_STORES =
      Set.of("s3", "s3a", "s3n", "abfs", "abfss", "wasb", "wasbs", "gs", "oss", "cos");

  /** The mode for an output folder with this URI scheme (null or {@code file} for local). */
  public CommitMode forScheme(String scheme) {
    if (this != AUTO) {
      return this;
    }
    return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT))
        ? MARKER
        : RENAME;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
