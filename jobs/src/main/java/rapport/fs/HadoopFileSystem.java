package rapport.fs;

import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/** One Hadoop file system ({@code scheme://authority}) seen through {@code java.nio.file}. */
final class HadoopFileSystem extends FileSystem {
  private final HadoopFileSystemProvider provider;
  private final URI base;

  HadoopFileSystem(HadoopFileSystemProvider provider, URI base) {
    this.provider = provider;
    this.base = base;
  }

  /** {@code scheme://authority/}. */
  URI base() {
    return base;
  }

  @Override
  public HadoopFileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() {
    // the Hadoop file system is shared with Spark, which closes it
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return "/";
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return List.of(new HadoopPath(this, "/"));
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return List.of();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return Set.of("basic");
  }

  @Override
  public Path getPath(String first, String... more) {
    String joined = more.length == 0 ? first : first + "/" + String.join("/", more);
    if (joined.contains("://")) {
      URI u = URI.create(joined);
      if (!base.equals(HadoopFileSystemProvider.base(u))) {
        throw new IllegalArgumentException(joined + " is not on " + base);
      }
      return new HadoopPath(this, u.getPath());
    }
    return new HadoopPath(this, joined);
  }

  /** Patterns match the path's string as they would on the local file system. */
  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher local = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
    return p -> local.matches(Path.of(p.toString()));
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    throw new UnsupportedOperationException("no user lookup on " + base);
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("no watch service on " + base);
  }
}
