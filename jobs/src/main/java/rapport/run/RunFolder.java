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
import java.util.UUID;
import java.util.stream.Stream;
import rapport.cli.RapportException;

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

  private final Path root;
  private final LocalDate asOf;
  private final Path staging;
  private final FileChannel lockFile;
  private final FileLock lock;

  private RunFolder(Path root, LocalDate asOf, Path staging, FileChannel lockFile, FileLock lock) {
    this.root = root;
    this.asOf = asOf;
    this.staging = staging;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Prepares a staging folder for a run of {@code asOf} under {@code root}. A lock on {@code
   * .lock-<as_of>} keeps a second run of the same date out until this one is closed.
   */
  public static RunFolder open(Path root, LocalDate asOf) {
    try {
      Files.createDirectories(root);
      FileChannel channel =
          FileChannel.open(
              root.resolve(LOCK + asOf), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
      recover(root, asOf);
      removeStale(root, asOf);
      Path staging =
          root.resolve(STAGING + asOf + "-" + UUID.randomUUID().toString().substring(0, 8));
      Files.createDirectories(staging);
      return new RunFolder(root, asOf, staging, channel, lock);
    } catch (IOException e) {
      throw RapportException.output(
          e,
          "cannot create the output folder under %s: %s; check --out and its permissions",
          root,
          e.getMessage());
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
   * allows, copies otherwise), so that a single stage can replace its own outputs.
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
      throw RapportException.output(e, "cannot copy the run folder %s: %s", from, e.getMessage());
    }
  }

  /** Removes an output of the staging folder before a stage rewrites it. */
  public static void delete(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw RapportException.output(e, "cannot remove %s: %s", p, e.getMessage());
    }
  }

  /** Writes {@code _SUCCESS} and renames the staging folder into place. */
  public Path commit() {
    Path target = committed();
    Path aside = root.resolve(REPLACED + asOf);
    try {
      Files.writeString(staging.resolve(SUCCESS), "");
      if (Files.exists(target)) {
        delete(aside);
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      delete(aside);
      return target;
    } catch (IOException e) {
      throw RapportException.output(
          e, "cannot commit the run into %s: %s; the previous run is kept", target, e.getMessage());
    }
  }

  /**
   * Gives up the run. The staging folder is kept under {@code _failed/<as_of>} so that its quality
   * report can be read, and never mistaken for a complete run.
   */
  public Path abandon() {
    Path failed = root.resolve(FAILED).resolve(asOf.toString());
    try {
      delete(failed);
      Files.createDirectories(failed.getParent());
      Files.move(staging, failed, StandardCopyOption.ATOMIC_MOVE);
      return failed;
    } catch (IOException e) {
      delete(staging);
      return null;
    }
  }

  /** Releases the lock of this as-of date. */
  @Override
  public void close() {
    try {
      lock.release();
      lockFile.close();
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
