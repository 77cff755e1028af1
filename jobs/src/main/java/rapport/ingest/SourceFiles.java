package rapport.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import rapport.cli.RapportException;
import rapport.config.SourceConfig;

/** Finds, opens and fingerprints the files of an input, on any Hadoop file system. */
public final class SourceFiles {
  private SourceFiles() {}

  /**
   * The files of an input in name order: the file itself, or the visible files of a folder (names
   * starting with '.' or '_' are skipped, as Spark writes them).
   */
  public static List<SourceFile> list(String input, SourceConfig source, Path configDir) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(source.path().toUri());
    try {
      FileSystem fs = root.getFileSystem(new Configuration());
      if (!fs.exists(root)) {
        throw RapportException.input(
            "input %s: %s does not exist; fix inputs.%s.path in the configuration or export the"
                + " file",
            input, display(source.path(), configDir), input);
      }
      FileStatus status = fs.getFileStatus(root);
      List<FileStatus> files = new ArrayList<>();
      if (status.isDirectory()) {
        Arrays.stream(fs.listStatus(root))
            .filter(FileStatus::isFile)
            .filter(f -> !f.getPath().getName().startsWith("."))
            .filter(f -> !f.getPath().getName().startsWith("_"))
            .sorted(Comparator.comparing(f -> f.getPath().getName()))
            .forEach(files::add);
        if (files.isEmpty()) {
          throw RapportException.input(
              "input %s: folder %s holds no files; put the export's files there or fix"
                  + " inputs.%s.path",
              input, display(source.path(), configDir), input);
        }
      } else {
        files.add(status);
      }
      List<SourceFile> out = new ArrayList<>();
      for (FileStatus f : files) {
        Path local = Path.of(f.getPath().toUri().getPath());
        String shown =
            "file".equals(f.getPath().toUri().getScheme())
                    || f.getPath().toUri().getScheme() == null
                ? display(local, configDir)
                : f.getPath().toString();
        if (f.getLen() == 0) {
          throw RapportException.input(
              "input %s: %s is empty (0 bytes); export it again or remove inputs.%s from the"
                  + " configuration",
              input, shown, input);
        }
        out.add(new SourceFile(f.getPath().toUri().toString(), shown, f.getLen()));
      }
      return out;
    } catch (IOException e) {
      throw RapportException.input(
          "input %s: cannot read %s: %s; check the path and its permissions",
          input, display(source.path(), configDir), e.getMessage());
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
    Configuration conf = new Configuration();
    InputStream raw = p.getFileSystem(conf).open(p);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  /** The SHA-256 of a file's bytes as stored (before decompression). */
  public static String sha256(SourceFile file) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(file.uri()));
    try (InputStream in =
        new DigestInputStream(
            p.getFileSystem(new Configuration()).open(p), MessageDigest.getInstance("SHA-256"))) {
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
