package rapport.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import rapport.errors.RapportException;

/**
 * The output folder {@code <out>/<as_of>/} and its atomic replacement. A run writes into a staging
 * folder beside it; the commit writes {@code _SUCCESS} last and renames the staging folder into
 * place. A crash or kill before the commit leaves the previous folder as it was.
 *
 * <p>Replacing an existing folder takes two renames (old aside, new in). A kill between them leaves
 * the old folder under {@code .replaced-<as_of>}; the next run puts it back first.
 */
public final class RunFolder implements AutoCloseable {
  public static final String SUCCESS = "_SUCCESS";
  private static final String STAGING = ".staging-";
  private static final String REPLACED = ".replaced-";
  private static final String FAILED = "_failed";
  private static final String LOCK = ".lock-";
  private static final String QUALITY = "quality";
  private static final String REPORT = "report.json";
  private static final String PLACEHOLDER =
      "the run stopped before ingest had accounted for its inputs; see the error of the command";

  private final Path root;
  private final LocalDate asOf;
  private final Path staging;
  private final Path lockPath;
  private final FileChannel lockFile;
  private final FileLock lock;

  private RunFolder(
      Path root, LocalDate asOf, Path staging, Path lockPath, FileChannel lockFile, FileLock lock) {
    this.root = root;
    this.asOf = asOf;
    this.staging = staging;
    this.lockPath = lockPath;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Prepares a staging folder for a run of {@code asOf} under {@code root}. A lock on {@code
   * .lock-<as_of>} keeps a second run of the same date out until this one is closed.
   */
  public static RunFolder open(Path root, LocalDate asOf) {
    Path lockPath = root.resolve(LOCK + asOf);
    try {
      Files.createDirectories(root);
      for (int attempt = 0; ; attempt++) {
        FileChannel channel =
            FileChannel.open(
                lockPath,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
          lock = null; // held by another run in this same process
        }
        if (lock == null) {
          channel.close();
          throw RapportException.output(
              null,
              "another run of as_of %s is writing into %s; wait for it to finish or use another"
                  + " --out",
              asOf,
              root);
        }
        if (!holdsPath(channel, lockPath)) {
          // the run that held it removed the file as we locked it: lock the new one
          lock.release();
          channel.close();
          if (attempt < 3) {
            continue;
          }
          throw RapportException.output(
              null, "cannot lock %s: other runs keep replacing it; try again", lockPath);
        }
        Path staging = null;
        try {
          recover(root, asOf);
          removeStale(root, asOf);
          staging =
              root.resolve(STAGING + asOf + "-" + UUID.randomUUID().toString().substring(0, 8));
          Files.createDirectories(staging);
          return new RunFolder(root, asOf, staging, lockPath, channel, lock);
        } catch (IOException | RuntimeException e) {
          if (staging != null) {
            deleteQuietly(staging);
          }
          unlock(lockPath, channel, lock);
          throw e;
        }
      }
    } catch (IOException e) {
      throw RapportException.output(
          e,
          "cannot create the output folder under %s: %s; check --out and its permissions",
          root,
          RunFiles.reason(e));
    }
  }

  /**
   * Whether the locked channel is still the file at {@code lockPath}: a run that ends removes its
   * lock file, and a run that opened that file just before has locked a file nobody else sees.
   */
  private static boolean holdsPath(FileChannel channel, Path lockPath) throws IOException {
    byte[] token = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    channel.truncate(0);
    channel.write(java.nio.ByteBuffer.wrap(token), 0);
    try {
      return java.util.Arrays.equals(Files.readAllBytes(lockPath), token);
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  /** The committed folder of this as-of date. */
  public Path committed() {
    return root.resolve(asOf.toString());
  }

  public Path staging() {
    return staging;
  }

  /** Whether a complete earlier run of this as-of date exists. */
  public boolean hasCommitted() {
    return Files.isRegularFile(committed().resolve(SUCCESS));
  }

  /**
   * Seeds the staging folder with the committed run's files (hard links where the file system
   * allows, copies otherwise), so that a single stage can replace its own outputs. A link shares
   * its inode with the committed file: nothing may write into it. Every file is written through
   * {@link RunFiles} (a new file renamed over the link) and every table through {@link
   * RunContext#writeTable} (a new folder in place of the old one), so the committed run is never
   * touched.
   */
  public void seedFromCommitted() {
    Path from = committed();
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted().toList()) {
        Path rel = from.relativize(p);
        Path to = staging.resolve(rel);
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!rel.toString().equals(SUCCESS)) {
          try {
            Files.createLink(to, p);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
    } catch (IOException e) {
      throw RapportException.output(
          e,
          "cannot copy the run folder %s into %s: %s; free space on that disk or choose another"
              + " --out",
          from,
          staging,
          RunFiles.reason(e));
    }
  }

  /** Removes an output of the staging folder before a stage rewrites it. */
  public static void delete(Path p) {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw RapportException.output(
          e,
          "cannot remove %s: %s; check the permissions of the output folder",
          p,
          RunFiles.reason(e));
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      delete(p);
    } catch (RapportException e) {
      // what is left is a hidden staging folder, removed by the next run of this date
    }
  }

  /** Writes {@code _SUCCESS} and renames the staging folder into place. */
  public Path commit() {
    Path target = committed();
    Path aside = root.resolve(REPLACED + asOf);
    RunFiles.writeString(staging.resolve(SUCCESS), "");
    try {
      if (Files.exists(target)) {
        delete(aside);
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        recover(root, asOf);
      } catch (IOException again) {
        e.addSuppressed(again); // the next run puts it back
      }
      throw RapportException.output(
          e,
          "cannot commit the run into %s: %s; the previous run is kept",
          target,
          RunFiles.reason(e));
    }
    deleteQuietly(aside);
    return target;
  }

  /**
   * Gives up the run. The staging folder is kept under {@code _failed/<as_of>} so that its quality
   * report can be read, and never mistaken for a complete run. When an output could not be written
   * (a full disk, most often) only {@code quality/} is kept, to give the room back. The folder
   * always holds a {@code quality/report.json}: when the run stopped before ingest wrote one, a
   * report that names the error. If even that cannot be done, the staging folder is removed.
   *
   * @param keepOutputs whether to keep what the stages wrote besides {@code quality/}
   * @param error the one-line error the run stopped with
   * @return the folder kept, or null when nothing could be kept
   */
  public Path abandon(boolean keepOutputs, String error) {
    Path failed = root.resolve(FAILED).resolve(asOf.toString());
    try {
      if (!keepOutputs) {
        try (Stream<Path> top = Files.list(staging)) {
          for (Path p : top.toList()) {
            if (!p.getFileName().toString().equals(QUALITY)) {
              delete(p);
            }
          }
        }
      }
      Path report = staging.resolve(QUALITY).resolve(REPORT);
      if (!Files.exists(report) || isPlaceholder(report)) {
        try {
          RunFiles.write(report, failedReport(asOf, error));
        } catch (RapportException e) {
          // a full disk: the placeholder written at the start stands in for it
        }
      }
      delete(failed);
      Files.createDirectories(failed.getParent());
      Files.move(staging, failed, StandardCopyOption.ATOMIC_MOVE);
      return failed;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staging);
      return null;
    }
  }

  /**
   * Writes a stand-in {@code quality/report.json} when the staging folder has none (a new run):
   * ingest replaces it, and a run that stops on a disk too full for anything more still leaves a
   * report.
   */
  public void reserveReport() {
    Path report = staging.resolve(QUALITY).resolve(REPORT);
    if (!Files.exists(report)) {
      RunFiles.write(report, failedReport(asOf, PLACEHOLDER));
    }
  }

  private boolean isPlaceholder(Path report) throws IOException {
    return java.util.Arrays.equals(Files.readAllBytes(report), failedReport(asOf, PLACEHOLDER));
  }

  private static byte[] failedReport(LocalDate asOf, String error) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("as_of", asOf.toString());
    json.put("inputs", Map.of());
    json.put("error", error);
    try {
      return Manifest.JSON.writeValueAsBytes(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Gives up the run and keeps nothing of it. */
  public void discard() {
    deleteQuietly(staging);
  }

  /** Releases the lock of this as-of date and removes its file. */
  @Override
  public void close() {
    unlock(lockPath, lockFile, lock);
  }

  private static void unlock(Path lockPath, FileChannel channel, FileLock lock) {
    try {
      // removed while still held: a run that opens the path from now on gets a new file
      Files.deleteIfExists(lockPath);
    } catch (IOException e) {
      // a lock file left behind is reused by the next run
    }
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }

  /** Puts back a folder set aside by a commit that was killed between its two renames. */
  private static void recover(Path root, LocalDate asOf) throws IOException {
    Path aside = root.resolve(REPLACED + asOf);
    Path target = root.resolve(asOf.toString());
    if (Files.isDirectory(aside)) {
      if (Files.exists(target)) {
        delete(aside);
      } else {
        try {
          Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
          delete(aside);
        }
      }
    }
  }

  /** Staging folders of earlier runs of this date that were killed. */
  private static void removeStale(Path root, LocalDate asOf) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, STAGING + asOf + "-*")) {
      for (Path p : ds) {
        delete(p);
      }
    }
  }
}
