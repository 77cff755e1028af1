package rapport.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds the lock file of a run on a Hadoop file system (where nothing releases it when the run
 * dies): its pid, host, start and, on Linux, its pid namespace, as one line in the file. A holder
 * on this host, in this pid namespace, whose process is gone (or whose pid now belongs to a process
 * started after it) is dead: its lock is stale and can be taken over.
 */
record LockHolder(long pid, String host, Instant since, String namespace) {
  private static final Pattern LINE =
      Pattern.compile("pid (\\d+) on (\\S+) since (\\S+?)(?:, pid namespace (\\S+))?\\s*");

  /** This process, now. */
  static LockHolder current() {
    return new LockHolder(
        ProcessHandle.current().pid(), thisHost(), Instant.now(), thisNamespace());
  }

  /** The holder a lock file names, if it is in the form {@link #line()} writes. */
  static Optional<LockHolder> parse(String text) {
    Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new LockHolder(
              Long.parseLong(m.group(1)), m.group(2), Instant.parse(m.group(3)), m.group(4)));
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The lock file's line. */
  String line() {
    return "pid "
        + pid
        + " on "
        + host
        + " since "
        + since
        + (namespace == null ? "" : ", pid namespace " + namespace)
        + "\n";
  }

  /**
   * Whether this holder certainly no longer runs: it ran on this host in this pid namespace, and
   * its pid is free or taken by a later process. Unknown (another host or namespace) is not dead.
   */
  boolean isDead() {
    if (!host.equals(thisHost()) || namespace == null || !namespace.equals(thisNamespace())) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    return p.get().info().startInstant().map(start -> start.isAfter(since)).orElse(false);
  }

  private static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "an-unnamed-host";
    }
  }

  /** The pid namespace of this process (Linux), or null where there is none to read. */
  private static String thisNamespace() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }
}
