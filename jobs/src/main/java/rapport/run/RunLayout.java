package rapport.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import rapport.errors.RapportException;

/**
 * The names of an output folder {@code OUT} and the one way to find a committed run in it.
 *
 * <p>Two layouts, one per commit mode (see {@link RunFolder}):
 *
 * <ul>
 *   <li>rename: the run of an as-of date is {@code OUT/<as_of>/}, complete when it holds {@code
 *       _SUCCESS};
 *   <li>marker: each run is written in place under {@code OUT/runs/<as_of>-<tag>/}, {@code
 *       _SUCCESS} is written last inside it and {@code OUT/<as_of>.LATEST} (one line, the run's
 *       folder relative to {@code OUT}) is replaced after it. The run of an as-of date is the one
 *       its {@code .LATEST} names, and only once that folder holds {@code _SUCCESS}.
 * </ul>
 *
 * Every reader of "the committed run" goes through {@link #committed} or {@link
 * #previousCommitted}, which follow both.
 */
public final class RunLayout {
  public static final String SUCCESS = "_SUCCESS";
  public static final String TABLES = "tables";
  public static final String WORK = "_work";
  public static final String RUNS = "runs";
  public static final String LATEST = ".LATEST";
  static final String STAGING = ".staging-";
  static final String REPLACED = ".replaced-";
  static final String FAILED = "_failed";
  static final String LOCK = ".lock-";

  private RunLayout() {}

  /** The folder of the rename layout for {@code asOf}. */
  public static Path renamed(Path out, LocalDate asOf) {
    return out.resolve(asOf.toString());
  }

  /** The pointer file of the marker layout for {@code asOf}. */
  public static Path pointer(Path out, LocalDate asOf) {
    return out.resolve(asOf + LATEST);
  }

  /** The folder of a table in a run folder. */
  public static Path table(Path run, String name) {
    return run.resolve(TABLES).resolve(name);
  }

  /** A stage's scratch folder in a run folder, removed before the commit. */
  public static Path checkpoint(Path run, String stage, String name) {
    return run.resolve(WORK).resolve(stage).resolve(name);
  }

  /** Whether {@code folder} holds a complete run. */
  public static boolean isComplete(Path folder) {
    return Files.isRegularFile(folder.resolve(SUCCESS));
  }

  /**
   * The committed run of {@code asOf} under {@code out}: the folder its {@code .LATEST} names when
   * that one is complete, else {@code OUT/<as_of>/} when complete, else none.
   */
  public static Optional<Path> committed(Path out, LocalDate asOf) {
    Path pointer = pointer(out, asOf);
    if (Files.isRegularFile(pointer)) {
      try {
        String rel = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        Path run = out.resolve(rel).normalize();
        if (!rel.isEmpty() && run.startsWith(out.normalize()) && isComplete(run)) {
          return Optional.of(run);
        }
      } catch (IOException e) {
        throw RapportException.input(
            "cannot read %s: %s; check the permissions of the output folder",
            pointer, RunFiles.reason(e));
      }
    }
    Path renamed = renamed(out, asOf);
    return isComplete(renamed) ? Optional.of(renamed) : Optional.empty();
  }

  /**
   * The committed run named on a command line: a complete folder as it is, or {@code OUT/<as_of>}
   * of the marker layout, followed through its {@code .LATEST}.
   */
  public static Optional<Path> resolve(Path given) {
    if (isComplete(given)) {
      return Optional.of(given);
    }
    Path abs = given.toAbsolutePath().normalize();
    LocalDate d = parseDate(abs.getFileName() == null ? "" : abs.getFileName().toString());
    return d == null || abs.getParent() == null ? Optional.empty() : committed(abs.getParent(), d);
  }

  /** The as-of dates with a committed run under {@code out}, in order. */
  public static TreeSet<LocalDate> committedDates(Path out) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    if (out == null || !Files.isDirectory(out)) {
      return dates;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(out)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        LocalDate d = parseDate(n.endsWith(LATEST) ? n.substring(0, n.length() - 7) : n);
        if (d != null && committed(out, d).isPresent()) {
          dates.add(d);
        }
      }
    } catch (IOException e) {
      throw RapportException.input(
          "cannot list %s: %s; check the permissions of the output folder",
          out, RunFiles.reason(e));
    }
    return dates;
  }

  /**
   * The latest committed run strictly before {@code asOf} under {@code out} that {@code accept}
   * takes (a run that wrote some table, for instance).
   */
  public static Optional<Path> previousCommitted(Path out, LocalDate asOf, Predicate<Path> accept) {
    for (LocalDate d : committedDates(out).headSet(asOf, false).descendingSet()) {
      Optional<Path> run = committed(out, d);
      if (run.isPresent() && accept.test(run.get())) {
        return run;
      }
    }
    return Optional.empty();
  }

  /** The latest committed run under {@code out}, of any date. */
  public static Optional<Path> latestCommitted(Path out) {
    TreeSet<LocalDate> dates = committedDates(out);
    return dates.isEmpty() ? Optional.empty() : committed(out, dates.last());
  }

  /** A table of a run folder, or none when the run has not written it. */
  public static Optional<Dataset<Row>> optionalTable(SparkSession spark, Path run, String name) {
    Path p = table(run, name);
    return Files.isDirectory(p)
        ? Optional.of(spark.read().parquet(p.toString()))
        : Optional.empty();
  }

  /** The as-of date of a run folder of either layout, from its name. */
  public static LocalDate asOf(Path run) {
    String n = run.toAbsolutePath().normalize().getFileName().toString();
    LocalDate d = parseDate(n.length() > 10 ? n.substring(0, 10) : n);
    if (d == null) {
      throw RapportException.input(
          "cannot tell the as-of date of the run folder %s: its name does not start with"
              + " yyyy-MM-dd; pass a folder written by ./rapport run",
          run);
    }
    return d;
  }

  static LocalDate parseDate(String name) {
    try {
      return name.length() == 10 ? LocalDate.parse(name) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
