package rapport.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.Syncable;

/**
 * Where rapport reads and writes: a location given as a plain path ({@code out}, {@code
 * /data/rapport}) or a {@code file:} URI is a local path; one with another scheme ({@code
 * hdfs://namenode:8020/rapport}, {@code s3a://bucket/rapport}, {@code abfs://...}) is a {@link
 * Path} on that Hadoop file system, so that the run folder code, the configuration and the inputs
 * use the same {@code java.nio.file} calls on both.
 *
 * <p>The Hadoop configuration is the session's ({@link #configure}, with the {@code spark.hadoop.*}
 * settings); before the session starts, the commands configure the same one (the class path's
 * {@code core-site.xml} and the user's {@code spark.hadoop.*} settings) to read the config file.
 */
public final class Storage {
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):/.*");
  private static volatile Configuration configuration;

  private Storage() {}

  /** The Path of a location as given on the command line or in the configuration. */
  public static Path path(String location) {
    String scheme = scheme(location);
    if (scheme == null) {
      return Path.of(location);
    }
    URI uri = URI.create(location);
    if (scheme.equals("file")) {
      return Path.of(uri);
    }
    return HadoopFileSystemProvider.INSTANCE.getPath(uri);
  }

  /** {@code value} relative to {@code base}, or on its own when it is absolute or a URI. */
  public static Path resolve(Path base, String value) {
    return scheme(value) == null ? base.resolve(value) : path(value);
  }

  /** Whether a path is on the local file system (rename, links, locks and syncs as POSIX has). */
  public static boolean isLocal(Path p) {
    return p.getFileSystem() == FileSystems.getDefault();
  }

  /** The URI scheme of a path: {@code file} for a local one. */
  public static String scheme(Path p) {
    return isLocal(p) ? "file" : p.toUri().getScheme();
  }

  /** The path for Hadoop's and Spark's APIs. */
  public static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toAbsolutePath().toUri());
  }

  /**
   * Makes what was written to a Hadoop file's stream durable before it is closed, where the file
   * system can ({@code hsync} on HDFS: on the DataNodes' disks, not only in their memory). An
   * object store makes a file whole when its stream is closed, and has nothing to sync.
   */
  public static void sync(OutputStream out) throws IOException {
    if (out instanceof Syncable s
        && out instanceof StreamCapabilities c
        && c.hasCapability(StreamCapabilities.HSYNC)) {
      s.hsync();
    }
  }

  /** Uses the session's Hadoop configuration from now on. */
  public static void configure(Configuration conf) {
    configuration = conf;
  }

  /** The Hadoop configuration for file system access. */
  public static Configuration configuration() {
    Configuration c = configuration;
    if (c == null) {
      c = new Configuration();
      configuration = c;
    }
    return c;
  }

  private static String scheme(String location) {
    var m = SCHEME.matcher(location);
    // one letter is a Windows drive, not a scheme
    return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }
}
