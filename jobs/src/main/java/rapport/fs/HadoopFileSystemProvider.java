package rapport.fs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;

/**
 * {@code java.nio.file} over Hadoop's {@link org.apache.hadoop.fs.FileSystem}, for the URIs of
 * {@code hdfs:}, {@code s3a:}, {@code abfs:} and the other Hadoop file systems: what rapport's run
 * folder code calls (exists, list, walk, read, write, create-exclusive, rename, delete) maps to one
 * Hadoop call each. It is not installed as a system provider: paths come from {@link Storage#path}.
 *
 * <p>A move is Hadoop's rename: atomic on HDFS, a copy and delete on an object store. No file
 * channels, links or POSIX attributes.
 */
final class HadoopFileSystemProvider extends FileSystemProvider {
  static final HadoopFileSystemProvider INSTANCE = new HadoopFileSystemProvider();

  private final Map<URI, HadoopFileSystem> systems = new ConcurrentHashMap<>();

  private HadoopFileSystemProvider() {}

  /** {@code scheme://authority/} of a URI. */
  static URI base(URI u) {
    return URI.create(
        u.getScheme() + "://" + (u.getRawAuthority() == null ? "" : u.getRawAuthority()) + "/");
  }

  HadoopFileSystem system(URI u) {
    return systems.computeIfAbsent(base(u), b -> new HadoopFileSystem(this, b));
  }

  @Override
  public String getScheme() {
    return "hadoop";
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    return system(uri);
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    return system(uri);
  }

  @Override
  public Path getPath(URI uri) {
    return system(uri).getPath(uri.toString());
  }

  private static HadoopPath checked(Path p) {
    if (!(p instanceof HadoopPath h)) {
      throw new ProviderMismatchException(p + " is not a Hadoop path");
    }
    return h;
  }

  private static org.apache.hadoop.fs.FileSystem hadoop(HadoopPath p) throws IOException {
    return org.apache.hadoop.fs.FileSystem.get(p.getFileSystem().base(), Storage.configuration());
  }

  private static org.apache.hadoop.fs.Path hpath(HadoopPath p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  /** Hadoop's exceptions as the {@code java.nio.file} ones the callers look for. */
  private static IOException mapped(IOException e, Path p) {
    if (e instanceof FileSystemException) {
      return e;
    }
    String reason = e.getMessage() == null ? null : e.getMessage().lines().findFirst().orElse("");
    IOException m;
    if (e instanceof FileNotFoundException) {
      m = new NoSuchFileException(p.toString(), null, reason);
    } else if (e instanceof org.apache.hadoop.fs.FileAlreadyExistsException) {
      m = new FileAlreadyExistsException(p.toString(), null, reason);
    } else if (e instanceof org.apache.hadoop.security.AccessControlException) {
      m = new AccessDeniedException(p.toString(), null, reason);
    } else {
      return e;
    }
    m.initCause(e);
    return m;
  }

  private static FileStatus status(HadoopPath p) throws IOException {
    try {
      return hadoop(p).getFileStatus(hpath(p));
    } catch (IOException e) {
      throw mapped(e, p);
    }
  }

  private static FileStatus statusOrNull(HadoopPath p) throws IOException {
    try {
      return status(p);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
    HadoopPath p = checked(path);
    try {
      return hadoop(p).open(hpath(p));
    } catch (IOException e) {
      throw mapped(e, p);
    }
  }

  @Override
  public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
    HadoopPath p = checked(path);
    List<OpenOption> o = Arrays.asList(options);
    if (o.contains(StandardOpenOption.APPEND)) {
      throw new UnsupportedOperationException("no appends on " + p.getFileSystem().base());
    }
    boolean exclusive = o.contains(StandardOpenOption.CREATE_NEW);
    if (!exclusive && !o.isEmpty() && !o.contains(StandardOpenOption.CREATE)) {
      status(p); // it must exist
    }
    try {
      return hadoop(p).create(hpath(p), !exclusive);
    } catch (IOException e) {
      throw mapped(e, p);
    }
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    HadoopPath p = checked(path);
    if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
      return new WriteChannel(
          Channels.newChannel(newOutputStream(p, options.toArray(new OpenOption[0]))));
    }
    long size = status(p).getLen();
    FSDataInputStream in;
    try {
      in = hadoop(p).open(hpath(p));
    } catch (IOException e) {
      throw mapped(e, p);
    }
    return new ReadChannel(in, size);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    HadoopPath p = checked(dir);
    FileStatus s = status(p);
    if (!s.isDirectory()) {
      throw new NotDirectoryException(p.toString());
    }
    FileStatus[] children;
    try {
      children = hadoop(p).listStatus(hpath(p));
    } catch (IOException e) {
      throw mapped(e, p);
    }
    List<Path> entries = new java.util.ArrayList<>();
    for (FileStatus c : children) {
      Path child = p.resolve(c.getPath().getName());
      if (filter.accept(child)) {
        entries.add(child);
      }
    }
    return new DirectoryStream<>() {
      @Override
      public Iterator<Path> iterator() {
        return entries.iterator();
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    HadoopPath p = checked(dir);
    if (statusOrNull(p) != null) {
      throw new FileAlreadyExistsException(p.toString());
    }
    try {
      if (!hadoop(p).mkdirs(hpath(p))) {
        throw new FileSystemException(p.toString(), null, "the file system refused to create it");
      }
    } catch (IOException e) {
      throw mapped(e, p);
    }
  }

  @Override
  public void delete(Path path) throws IOException {
    HadoopPath p = checked(path);
    FileStatus s = status(p);
    try {
      if (s.isDirectory() && hadoop(p).listStatus(hpath(p)).length > 0) {
        throw new DirectoryNotEmptyException(p.toString());
      }
      if (!hadoop(p).delete(hpath(p), false) && statusOrNull(p) != null) {
        throw new FileSystemException(p.toString(), null, "the file system refused to delete it");
      }
    } catch (IOException e) {
      throw mapped(e, p);
    }
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) throws IOException {
    HadoopPath from = checked(source);
    HadoopPath to = checked(target);
    boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
    if (statusOrNull(to) != null) {
      if (!replace) {
        throw new FileAlreadyExistsException(to.toString());
      }
      delete(to);
    }
    if (status(from).isDirectory()) {
      createDirectory(to);
      return;
    }
    try (InputStream in = newInputStream(from);
        OutputStream out = newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
      in.transferTo(out);
    }
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    HadoopPath from = checked(source);
    HadoopPath to = checked(target);
    status(from);
    FileStatus existing = statusOrNull(to);
    if (existing != null) {
      // Hadoop would move the source into an existing folder: refuse, or replace a file
      if (!Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING)) {
        throw new FileAlreadyExistsException(to.toString());
      }
      delete(to);
    }
    try {
      if (!hadoop(from).rename(hpath(from), hpath(to))) {
        throw new FileSystemException(
            from.toString(), to.toString(), "the file system refused the rename");
      }
    } catch (IOException e) {
      throw mapped(e, from);
    }
  }

  @Override
  public boolean isSameFile(Path path, Path path2) {
    return path.equals(path2);
  }

  @Override
  public boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  @Override
  public FileStore getFileStore(Path path) {
    throw new UnsupportedOperationException("no file store of " + path);
  }

  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    status(checked(path)); // permissions are checked by the file system when used
  }

  @Override
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    if (!type.isAssignableFrom(Attributes.class)) {
      throw new UnsupportedOperationException(type.getName() + " on " + path);
    }
    return (A) new Attributes(status(checked(path)));
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    Attributes a = new Attributes(status(checked(path)));
    return Map.of(
        "size", a.size(),
        "lastModifiedTime", a.lastModifiedTime(),
        "isDirectory", a.isDirectory(),
        "isRegularFile", a.isRegularFile());
  }

  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
    throw new UnsupportedOperationException("no attributes can be set on " + path);
  }

  /** What {@code BasicFileAttributes} a Hadoop status gives. */
  private record Attributes(FileStatus s) implements BasicFileAttributes {
    @Override
    public FileTime lastModifiedTime() {
      return FileTime.fromMillis(s.getModificationTime());
    }

    @Override
    public FileTime lastAccessTime() {
      return FileTime.fromMillis(s.getAccessTime());
    }

    @Override
    public FileTime creationTime() {
      return lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
      return s.isFile();
    }

    @Override
    public boolean isDirectory() {
      return s.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
      return false;
    }

    @Override
    public boolean isOther() {
      return false;
    }

    @Override
    public long size() {
      return s.getLen();
    }

    @Override
    public Object fileKey() {
      return s.getPath().toString();
    }
  }

  /** A file read from its start, seekable. */
  private static final class ReadChannel implements SeekableByteChannel {
    private final FSDataInputStream in;
    private final ReadableByteChannel channel;
    private final long size;
    private boolean open = true;

    ReadChannel(FSDataInputStream in, long size) {
      this.in = in;
      this.channel = Channels.newChannel(in);
      this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return channel.read(dst);
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
      return in.getPos();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
      in.seek(newPosition);
      return this;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      open = false;
      channel.close();
    }
  }

  /** A new file written from its start. */
  private static final class WriteChannel implements SeekableByteChannel {
    private final WritableByteChannel channel;
    private long position;

    WriteChannel(WritableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst) {
      throw new java.nio.channels.NonReadableChannelException();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      int n = channel.write(src);
      position += n;
      return n;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      throw new UnsupportedOperationException("a Hadoop file is written from its start");
    }

    @Override
    public long size() {
      return position;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new UnsupportedOperationException("a Hadoop file is written from its start");
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
