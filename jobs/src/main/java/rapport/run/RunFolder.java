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
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import rapport.config.CommitMode;
import rapport.errors.RapportException;
import rapport.fs.Storage;

/**
 * The output folder of a run of {@code <as_of>} and its commit, in one of two ways ({@link
 * CommitMode}, names in {@link RunLayout}):
 *
 * <ul>
 *   <li>rename (local disks, HDFS): a run writes into a staging folder beside {@code
 *       <out>/<as_of>/}; the commit writes {@code _SUCCESS} last and renames the staging folder
 *       into place. Replacing an existing folder takes two renames (old aside, new in). A kill
 *       between them leaves the old folder under {@code .replaced-<as_of>}; the next run puts it
 *       back first.
 *   <li>marker (object stores, where a rename is a copy): a run writes in place into a new folder
 *       {@code <out>/runs/<as_of>-<tag>/}; the commit writes {@code _SUCCESS} into it and then
 *       replaces the small pointer {@code <out>/<as_of>.LATEST} with the folder's name. Nothing of
 *       the previous run is touched: a reader that followed the old pointer keeps reading a
 *       complete run, and a crash before the pointer leaves the previous run as the committed one.
 * </ul>
 *
 * A crash or kill before the commit leaves the previous run as it was.
 */
public final class RunFolder implements AutoCloseable {
  public static final String SUCCESS = RunLayout.SUCCESS;
  private static final String STAGING = RunLayout.STAGING;
  private static final String REPLACED = RunLayout.REPLACED;
  private static final String FAILED = RunLayout.FAILED;
  private static final String LOCK = RunLayout.LOCK;
  private static final String QUALITY = "quality";
  private static final String REPORT = "report.json";
  private static final String PLACEHOLDER =
      "the run stopped before ingest had accounted for its inputs; see the error of the command";

  private final Path root;
  private final LocalDate asOf;
  private final CommitMode mode;
  private final Path staging;
  private final Path lockPath;
  private final FileChannel lockFile;
  private final FileLock lock;

  private RunFolder(
      Path root,
      LocalDate asOf,
      CommitMode mode,
      Path staging,
      Path lockPath,
      FileChannel lockFile,
      FileLock lock) {
    this.root = root;
    this.asOf = asOf;
    this.mode = mode;
    this.staging = staging;
    this.lockPath = lockPath;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** {@link #open(Path, LocalDate, CommitMode)} with the mode {@code auto}. */
  public static RunFolder open(Path root, LocalDate asOf) {
    return open(root, asOf, CommitMode.AUTO);
  }

  /**
   * Prepares a staging folder for a run of {@code asOf} under {@code root}. A lock on {@code
   * .lock-<as_of>} keeps a second run of the same date out until this one is closed.
   *
   * @param commit how the run is published; {@code auto} picks it by the folder's file system
   */
  public static RunFolder open(Path root, LocalDate asOf, CommitMode commit) {
    CommitMode mode = commit.forScheme(Storage.scheme(root));
    Path lockPath = root.resolve(LOCK + asOf);
    try {
      Files.createDirectories(root);
      if (!Storage.isLocal(root)) {
        createLock(root, asOf, lockPath);
        try {
          return new RunFolder(root, asOf, mode, prepare(root, asOf, mode), lockPath, null, null);
        } catch (IOException | RuntimeException e) {
          unlock(lockPath, null, null);
          throw e;
        }
      }
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
        try {
          return new RunFolder(
              root, asOf, mode, prepare(root, asOf, mode), lockPath, channel, lock);
        } catch (IOException | RuntimeException e) {
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
   * Clears what killed runs of this date left and creates the new run's staging folder (its run
   * folder, in the marker layout).
   */
  private static Path prepare(Path root, LocalDate asOf, CommitMode mode) throws IOException {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Path staging;
    if (mode == CommitMode.MARKER) {
      removeUnpublished(root, asOf);
      staging = root.resolve(RunLayout.RUNS).resolve(asOf + "-" + tag);
    } else {
      recover(root, asOf);
      removeStale(root, asOf);
      staging = root.resolve(STAGING + asOf + "-" + tag);
    }
    try {
      Files.createDirectories(staging);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staging);
      throw e;
    }
    return staging;
  }

  /**
   * The lock on a Hadoop file system: the lock file created exclusively (HDFS refuses a second
   * create; S3A checks before it writes). Nothing releases it when the process dies: a lock whose
   * holder ran on this host and is gone ({@link LockHolder#isDead}) is removed and taken; any other
   * is refused with a message naming its holder and how to clear it.
   */
  private static void createLock(Path root, LocalDate asOf, Path lockPath) throws IOException {
    byte[] holder = LockHolder.current().line().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int attempt = 0; ; attempt++) {
      try (var out = Files.newOutputStream(lockPath, StandardOpenOption.CREATE_NEW)) {
        out.write(holder);
        return;
      } catch (FileAlreadyExistsException e) {
        String held;
        try {
          held = Files.readString(lockPath);
        } catch (IOException again) {
          held = "unknown";
        }
        Optional<LockHolder> stale = LockHolder.parse(held).filter(LockHolder::isDead);
        if (attempt == 0 && stale.isPresent()) {
          // the run that held it was killed: its lock goes, unless another run took it meanwhile
          try {
            if (Files.readString(lockPath).equals(held)) {
              Files.deleteIfExists(lockPath);
            }
          } catch (java.nio.file.NoSuchFileException gone) {
            // removed already: create it below
          }
          continue;
        }
        throw RapportException.output(
            null,
            "another run of as_of %s is writing into %s (lock %s, held by %s); wait for it to"
                + " finish or use another --out; if that run was killed on another host, remove"
                + " %s and run again",
            asOf,
            root,
            lockPath,
            held.strip(),
            lockPath);
      }
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

  /** The committed run of this as-of date, in either layout (see {@link RunLayout#committed}). */
  public Optional<Path> committed() {
    return RunLayout.committed(root, asOf);
  }

  public Path staging() {
    return staging;
  }

  /** The output folder the run is committed into. */
  public Path root() {
    return root;
  }

  /** The commit this run uses, {@code rename} or {@code marker}. */
  public CommitMode mode() {
    return mode;
  }

  /** Whether a complete earlier run of this as-of date exists. */
  public boolean hasCommitted() {
    return committed().isPresent();
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
    Path from = committed().orElseThrow();
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

  /**
   * Publishes the run: {@code _SUCCESS} written last into it, then the rename into {@code
   * <out>/<as_of>/} or the {@code .LATEST} pointer (see the class comment).
   *
   * @return the committed run folder
   */
  public Path commit() {
    RunFiles.writeString(staging.resolve(SUCCESS), "");
    return mode == CommitMode.MARKER ? publishMarker() : publishRename();
  }

  private Path publishRename() {
    Path target = RunLayout.renamed(root, asOf);
    Path aside = root.resolve(REPLACED + asOf);
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
    // a pointer left by an earlier marker commit would hide this run
    deleteQuietly(RunLayout.pointer(root, asOf));
    return target;
  }

  private Path publishMarker() {
    Path pointer = RunLayout.pointer(root, asOf);
    Optional<Path> replaced = committed();
    RunFiles.writeString(pointer, root.relativize(staging).toString().replace('\\', '/') + "\n");
    // runs older than the one just replaced: no reader can still be on them once it has been
    // replaced twice
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(root.resolve(RunLayout.RUNS), asOf + "-*")) {
      for (Path p : ds) {
        if (!p.equals(staging) && !replaced.map(p::equals).orElse(false)) {
          deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      // what is left is removed by the next commit of this date
    }
    return staging;
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
    // the marker layout keeps it in place: it has no _SUCCESS and no pointer names it
    Path failed =
        mode == CommitMode.MARKER ? staging : root.resolve(FAILED).resolve(asOf.toString());
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
      if (!failed.equals(staging)) {
        delete(failed);
        Files.createDirectories(failed.getParent());
        Files.move(staging, failed, StandardCopyOption.ATOMIC_MOVE);
      }
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
    if (channel == null) {
      return;
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

  /**
   * Run folders of the marker layout for this date that no pointer names: runs that were killed or
   * failed before their commit (the latest failed one was kept for its quality report until now).
   */
  private static void removeUnpublished(Path root, LocalDate asOf) throws IOException {
    Path runs = root.resolve(RunLayout.RUNS);
    if (!Files.isDirectory(runs)) {
      return;
    }
    Optional<Path> current = RunLayout.committed(root, asOf);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(runs, asOf + "-*")) {
      for (Path p : ds) {
        if (!RunLayout.isComplete(p) && !current.map(p::equals).orElse(false)) {
          delete(p);
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
