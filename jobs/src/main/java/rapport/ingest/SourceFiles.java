package rapport.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import rapport.config.InputFormat;
import rapport.config.SourceConfig;
import rapport.errors.RapportException;
import rapport.fs.Storage;

/** Finds, opens and fingerprints the files of an input, on any Hadoop file system. */
public final class SourceFiles {
  private SourceFiles() {}

  /**
   * The files of an input and the files of its folder it skips.
   *
   * @param files the files to read, in name order
   * @param skipped files of the folder that the include patterns leave out, as shown to users
   */
  public record Listing(List<SourceFile> files, List<String> skipped) {}

  /** The files of an input in name order (see {@link #listing}). */
  public static List<SourceFile> list(String input, SourceConfig source, Path configDir) {
    return listing(input, source, configDir).files();
  }

  /**
   * The files of an input in name order: the file itself, or the visible files of a folder (names
   * starting with '.' or '_' are skipped, as Spark writes them; subfolders are not read). A
   * dangling link or an unreadable file is an error naming it, and so is a file of another format
   * (a read-me, a workbook) unless include patterns are configured: then the files they leave out
   * are skipped and listed.
   */
  public static Listing listing(String input, SourceConfig source, Path configDir) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(source.path().toUri());
    try {
      FileSystem fs = root.getFileSystem(Storage.configuration());
      if (!fs.exists(root)) {
        if (isLocal(root) && Files.isSymbolicLink(source.path())) {
          throw RapportException.input(
              "input %s: %s is a link to %s, which does not exist; restore the file it points to"
                  + " or fix inputs.%s.path",
              input,
              display(source.path(), configDir),
              Files.readSymbolicLink(source.path()),
              input);
        }
        throw RapportException.input(
            "input %s: %s does not exist; fix inputs.%s.path in the configuration or export the"
                + " file",
            input, display(source.path(), configDir), input);
      }
      FileStatus status = fs.getFileStatus(root);
      List<FileStatus> files = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      if (status.isDirectory()) {
        if (isLocal(root)) {
          // Hadoop's local listing drops a dangling link without a word
          refuseBrokenEntries(input, Path.of(root.toUri().getPath()), configDir);
        }
        List<PathMatcher> include =
            source.include().stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                .toList();
        List<FileStatus> visible =
            Arrays.stream(fs.listStatus(root))
                .filter(FileStatus::isFile)
                .filter(f -> !f.getPath().getName().startsWith("."))
                .filter(f -> !f.getPath().getName().startsWith("_"))
                .sorted(Comparator.comparing(f -> f.getPath().getName()))
                .toList();
        for (FileStatus f : visible) {
          String name = f.getPath().getName();
          if (include.isEmpty()) {
            if (!source.format().isFileOf(name)) {
              throw RapportException.input(
                  "input %s: folder %s holds %s, which is not a %s file%s; move it out of the"
                      + " folder, or set inputs.%s.include: \"%s\" to read only the matching"
                      + " files",
                  input,
                  display(source.path(), configDir),
                  name,
                  source.format().key(),
                  kindHint(name),
                  input,
                  "*." + (source.format() == InputFormat.JSONL ? "jsonl" : source.format().key()));
            }
            files.add(f);
          } else if (include.stream().anyMatch(m -> m.matches(Path.of(name)))) {
            files.add(f);
          } else {
            skipped.add(shown(f, configDir));
          }
        }
        if (files.isEmpty()) {
          throw RapportException.input(
              "input %s: folder %s holds no %sfiles; put the export's files there or fix"
                  + " inputs.%s.%s",
              input,
              display(source.path(), configDir),
              include.isEmpty() ? "" : "matching ",
              input,
              include.isEmpty() ? "path" : "path or inputs." + input + ".include");
        }
      } else {
        files.add(status);
      }
      List<SourceFile> out = new ArrayList<>();
      for (FileStatus f : files) {
        String shown = shown(f, configDir);
        if (f.getLen() == 0) {
          throw RapportException.input(
              "input %s: %s is empty (0 bytes); export it again or remove inputs.%s from the"
                  + " configuration",
              input, shown, input);
        }
        if (isLocal(f.getPath()) && !Files.isReadable(Path.of(f.getPath().toUri().getPath()))) {
          throw RapportException.input(
              "input %s: %s cannot be read (permission denied); give the user running rapport read"
                  + " access to it",
              input, shown);
        }
        out.add(new SourceFile(f.getPath().toUri().toString(), shown, f.getLen()));
      }
      return new Listing(out, List.copyOf(skipped));
    } catch (IOException e) {
      throw RapportException.input(
          "input %s: cannot read %s: %s; check the path and its permissions",
          input, display(source.path(), configDir), e.getMessage());
    }
  }

  private static boolean isLocal(org.apache.hadoop.fs.Path p) {
    String scheme = p.toUri().getScheme();
    return scheme == null || "file".equals(scheme);
  }

  private static String shown(FileStatus f, Path configDir) {
    return display(Storage.path(f.getPath().toUri().toString()), configDir);
  }

  /** What a file of the wrong kind probably is, to say what to do with it. */
  private static String kindHint(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.endsWith(".xlsx") || n.endsWith(".xls") || n.endsWith(".xlsm")) {
      return " (an Excel workbook: save it as CSV UTF-8 if it holds data)";
    }
    if (n.startsWith("readme") || n.endsWith(".txt") || n.endsWith(".md") || n.endsWith(".pdf")) {
      return " (a document, not data)";
    }
    return "";
  }

  /** A dangling link or unreadable entry in an input folder is named, not skipped. */
  private static void refuseBrokenEntries(String input, Path folder, Path configDir)
      throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        if (Files.isSymbolicLink(p) && !Files.exists(p)) {
          throw RapportException.input(
              "input %s: %s is a link to %s, which does not exist; restore the file it points to"
                  + " or remove the link",
              input, display(p, configDir), Files.readSymbolicLink(p));
        }
        if (Files.isRegularFile(p) && !Files.isReadable(p)) {
          throw RapportException.input(
              "input %s: %s cannot be read (permission denied); give the user running rapport read"
                  + " access to it",
              input, display(p, configDir));
        }
      }
    }
  }

  /** A path relative to the configuration's folder when it lies inside it. */
  public static String display(Path p, Path configDir) {
    Path abs = p.toAbsolutePath().normalize();
    Path base = configDir.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }

  /** Opens a file for reading, decompressing it when its name says it is compressed. */
  public static InputStream open(String uri) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(uri));
    Configuration conf = Storage.configuration();
    InputStream raw = p.getFileSystem(conf).open(p);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  /** Whether a file's name says it is compressed (then it is read whole, from its start). */
  public static boolean compressed(String uri) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(uri));
    return new CompressionCodecFactory(Storage.configuration()).getCodec(p) != null;
  }

  /** Opens an uncompressed file for reading from byte {@code offset} on. */
  static InputStream open(String uri, long offset) throws IOException {
    if (offset == 0) {
      return open(uri);
    }
    if (compressed(uri)) {
      throw new IllegalArgumentException("a compressed file is read from its start: " + uri);
    }
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(uri));
    org.apache.hadoop.fs.FSDataInputStream in = p.getFileSystem(Storage.configuration()).open(p);
    try {
      in.seek(offset);
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return in;
  }

  /** The SHA-256 of a file's bytes as stored (before decompression). */
  public static String sha256(SourceFile file) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(file.uri()));
    try (InputStream in =
        new DigestInputStream(
            p.getFileSystem(Storage.configuration()).open(p),
            MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // reading feeds the digest
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw RapportException.input("cannot read %s: %s", file.display(), e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
