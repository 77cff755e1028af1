package rapport.fs;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path on a Hadoop file system ({@code hdfs://namenode:8020/data/out}): absolute paths print as
 * their URI, so that Spark, Hadoop and the messages get the same string; relative ones (from {@link
 * #relativize}) as their names joined by {@code /}.
 */
final class HadoopPath implements Path {
  private final HadoopFileSystem fs;
  private final boolean absolute;
  private final List<String> names;

  HadoopPath(HadoopFileSystem fs, String path) {
    this(
        fs,
        path.startsWith("/"),
        Arrays.stream(path.split("/")).filter(n -> !n.isEmpty()).toList());
  }

  private HadoopPath(HadoopFileSystem fs, boolean absolute, List<String> names) {
    this.fs = fs;
    this.absolute = absolute;
    this.names = List.copyOf(names);
  }

  /** The path part of the URI: {@code /data/out}. */
  String pathPart() {
    return (absolute ? "/" : "") + String.join("/", names);
  }

  @Override
  public HadoopFileSystem getFileSystem() {
    return fs;
  }

  @Override
  public boolean isAbsolute() {
    return absolute;
  }

  @Override
  public Path getRoot() {
    return absolute ? new HadoopPath(fs, true, List.of()) : null;
  }

  @Override
  public Path getFileName() {
    return names.isEmpty() ? null : new HadoopPath(fs, false, List.of(names.get(names.size() - 1)));
  }

  @Override
  public Path getParent() {
    if (names.isEmpty() || (names.size() == 1 && !absolute)) {
      return null;
    }
    return new HadoopPath(fs, absolute, names.subList(0, names.size() - 1));
  }

  @Override
  public int getNameCount() {
    return names.size();
  }

  @Override
  public Path getName(int index) {
    return new HadoopPath(fs, false, List.of(names.get(index)));
  }

  @Override
  public Path subpath(int beginIndex, int endIndex) {
    return new HadoopPath(fs, false, names.subList(beginIndex, endIndex));
  }

  @Override
  public boolean startsWith(Path other) {
    if (!sameSystem(other)) {
      return false;
    }
    HadoopPath o = (HadoopPath) other;
    return o.absolute == absolute
        && o.names.size() <= names.size()
        && names.subList(0, o.names.size()).equals(o.names);
  }

  @Override
  public boolean endsWith(Path other) {
    if (!sameSystem(other)) {
      return false;
    }
    HadoopPath o = (HadoopPath) other;
    if (o.absolute) {
      return equals(o);
    }
    return o.names.size() <= names.size()
        && names.subList(names.size() - o.names.size(), names.size()).equals(o.names);
  }

  @Override
  public Path normalize() {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (n.equals(".")) {
        continue;
      }
      if (n.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
        out.remove(out.size() - 1);
      } else if (!(n.equals("..") && absolute)) {
        out.add(n);
      }
    }
    return new HadoopPath(fs, absolute, out);
  }

  @Override
  public Path resolve(Path other) {
    HadoopPath o = checked(other);
    if (o.absolute) {
      return o;
    }
    List<String> joined = new ArrayList<>(names);
    joined.addAll(o.names);
    return new HadoopPath(fs, absolute, joined);
  }

  @Override
  public Path relativize(Path other) {
    HadoopPath o = checked(other);
    if (o.absolute != absolute) {
      throw new IllegalArgumentException("cannot relativize " + other + " against " + this);
    }
    int common = 0;
    while (common < names.size()
        && common < o.names.size()
        && names.get(common).equals(o.names.get(common))) {
      common++;
    }
    List<String> rel = new ArrayList<>();
    for (int i = common; i < names.size(); i++) {
      rel.add("..");
    }
    rel.addAll(o.names.subList(common, o.names.size()));
    return new HadoopPath(fs, false, rel);
  }

  @Override
  public URI toUri() {
    HadoopPath abs = (HadoopPath) toAbsolutePath();
    try {
      return new URI(fs.base().getScheme(), fs.base().getAuthority(), abs.pathPart(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public Path toAbsolutePath() {
    return absolute ? this : new HadoopPath(fs, true, names);
  }

  @Override
  public Path toRealPath(LinkOption... options) {
    return toAbsolutePath().normalize();
  }

  @Override
  public WatchKey register(
      WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
    throw new UnsupportedOperationException("no watch service on " + fs.base());
  }

  @Override
  public int compareTo(Path other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HadoopPath p
        && p.fs.base().equals(fs.base())
        && p.absolute == absolute
        && p.names.equals(names);
  }

  @Override
  public int hashCode() {
    return fs.base().hashCode() * 31 + names.hashCode() + (absolute ? 1 : 0);
  }

  @Override
  public String toString() {
    return absolute ? toUri().toString() : String.join("/", names);
  }

  private boolean sameSystem(Path other) {
    return other instanceof HadoopPath p && p.fs.base().equals(fs.base());
  }

  private HadoopPath checked(Path other) {
    if (!sameSystem(other)) {
      throw new ProviderMismatchException(other + " is not on " + fs.base());
    }
    return (HadoopPath) other;
  }
}
