package rapport.run;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;
import rapport.errors.RapportException;
import rapport.fs.Storage;

/**
 * The one way a file enters a run folder: its bytes go into a new file beside the target, which is
 * then renamed over the target. A single-stage run starts from hard links to the committed run, so
 * writing into an existing file would change the committed run too; a rename gives the target a new
 * inode and leaves the committed one as it was. A reader never sees half a file, and a kill leaves
 * at most a hidden {@code .<name>.<random>.tmp} in the staging folder.
 */
public final class RunFiles {
  /** Disk full, quota, read-only: the messages the operating system gives for them. */
  private static final Pattern NO_ROOM =
      Pattern.compile(
          "No space left on device|Disk quota exceeded|Read-only file system|File too large"
              + "|There is not enough space on the disk");

  /** An object store's answer to a request feature it does not have (HTTP 501). */
  private static final Pattern NOT_IMPLEMENTED =
      Pattern.compile("NotImplemented|Status Code: 501|not implemented");

  /** Writes the body of a file into an output stream. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private RunFiles() {}

  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code target} through a new file in its folder and an atomic rename over it. The body
   * may close the stream it is given; the file is synced before the rename.
   */
  public static void write(Path target, Body body) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp =
        dir.resolve(
            "."
                + target.getFileName()
                + "."
                + UUID.randomUUID().toString().substring(0, 8)
                + ".tmp");
    try {
      Files.createDirectories(dir);
      if (Storage.isLocal(dir)) {
        try (FileChannel channel =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          body.writeTo(keptOpen(Channels.newOutputStream(channel)));
          channel.force(true);
        }
      } else {
        // Hadoop: synced where the file system can (HDFS), complete once its stream is closed
        try (OutputStream out =
            Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          body.writeTo(keptOpen(out));
          Storage.sync(out);
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw cannotWrite(target, e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /** A stream the body may close without closing {@code raw}, which is closed after it. */
  private static OutputStream keptOpen(OutputStream raw) {
    return new FilterOutputStream(raw) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        raw.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush(); // the file stays open for the sync below
      }
    };
  }

  /** The exit-4 error for an output that could not be written. */
  public static RapportException cannotWrite(Path target, Throwable cause) {
    String reason = reason(cause);
    return RapportException.output(
        cause, "cannot write %s: %s; %s", target, reason, whatToDo(reason));
  }

  /**
   * The exit-4 error for a failure of the file system under {@code out} that reached the pipeline
   * in another form (Spark wraps it in its own exceptions), or null when {@code t} is something
   * else: a disk that is full or read-only, or an I/O error on a file under {@code out}.
   */
  public static RapportException outputFailure(Throwable t, Path out) {
    String where = out.toAbsolutePath().normalize().toString();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RapportException) {
        return null;
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage());
      boolean hadoopWrite = c.getClass().getName().equals("org.apache.hadoop.fs.FSError");
      boolean underOut =
          c instanceof FileSystemException f
              && f.getFile() != null
              && (Storage.isLocal(out)
                  ? Path.of(f.getFile()).toAbsolutePath().normalize().startsWith(where)
                  : f.getFile().startsWith(where)); // a URI on a Hadoop file system
      // an object store's connector names the object it failed on in its message
      boolean namesOut = c instanceof IOException && !Storage.isLocal(out) && m.contains(where);
      if (hadoopWrite
          || underOut
          || namesOut
          || (c instanceof IOException && NO_ROOM.matcher(m).find())) {
        String reason = reason(c);
        return RapportException.output(
            t, "cannot write into %s: %s; %s", out, reason, whatToDo(reason));
      }
    }
    return null;
  }

  /** The operating system's reason in one line, without the path it was about. */
  static String reason(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m =
        c instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : c.getMessage();
    if (m == null || m.isBlank()) {
      m = c.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  static String whatToDo(String reason) {
    if (NO_ROOM.matcher(reason).find()) {
      return "free space on that disk or choose another --out, then run again (the previous run is"
          + " kept)";
    }
    if (NOT_IMPLEMENTED.matcher(reason).find()) {
      return "the object store refused a request of its connector; for an S3-compatible store that"
          + " refuses the AWS SDK's checksum on bulk deletes add --conf"
          + " spark.hadoop.fs.s3a.multiobjectdelete.enable=false (README, \"Object stores\"),"
          + " then run again (the previous run is kept)";
    }
    return "check that the output folder exists and is writable, then run again (the previous run"
        + " is kept)";
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // the staging folder it lies in is removed with the run
    }
  }
}
