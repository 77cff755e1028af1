package rapport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import rapport.config.RapportConfig;
import rapport.errors.RapportException;

/** What a stage may use: the session, the configuration, the as-of date and the run folder. */
public final class RunContext {
  /** How long a write's observed digest may take to arrive before the table is read back. */
  private static final long OBSERVED_DIGEST_WAIT_SECONDS = 30;

  private final SparkSession spark;
  private final RapportConfig config;
  private final LocalDate asOf;
  private final Path out;
  private final Path dir;
  private final Progress progress;
  private final Map<String, Long> outputRows = new LinkedHashMap<>();
  private final Map<String, Long> stageOutputs = new LinkedHashMap<>();
  private final List<Manifest.Input> inputs = new ArrayList<>();

  /**
   * The schemas of the tables written through this context: a later read of one skips the job Spark
   * would start to infer it from the Parquet footers.
   */
  private final Map<String, StructType> written = new LinkedHashMap<>();

  /**
   * @param out the output folder the run is committed into
   * @param dir the run folder being written
   */
  public RunContext(
      SparkSession spark,
      RapportConfig config,
      LocalDate asOf,
      Path out,
      Path dir,
      Progress progress) {
    this.spark = spark;
    this.config = config;
    this.asOf = asOf;
    this.out = out;
    this.dir = dir;
    this.progress = progress;
  }

  public SparkSession spark() {
    return spark;
  }

  public RapportConfig config() {
    return config;
  }

  public LocalDate asOf() {
    return asOf;
  }

  /** The run folder being written (the staging folder until the commit). */
  public Path dir() {
    return dir;
  }

  public Progress progress() {
    return progress;
  }

  /**
   * The latest committed run before this run's as-of date under the same output folder that {@code
   * accept} takes, in either commit layout (see {@link RunLayout#previousCommitted}).
   */
  public Optional<Path> previousRun(Predicate<Path> accept) {
    return RunLayout.previousCommitted(out, asOf, accept);
  }

  /**
   * A stage's scratch folder in the run folder ({@code _work/<stage>/<name>}), removed before the
   * commit.
   */
  public Path checkpoint(String stage, String name) {
    return RunLayout.checkpoint(dir, stage, name);
  }

  /**
   * Writes a text output of the run folder and records it for the manifest with its lines.
   *
   * @param relative its path in the run folder
   */
  public void writeText(String relative, String text) {
    writeText(relative, text, text.lines().count());
  }

  /** Writes a text output of the run folder and records it for the manifest with {@code rows}. */
  public void writeText(String relative, String text, long rows) {
    RunFiles.writeString(path(relative), text);
    recordOutput(relative, rows);
  }

  public Path path(String relative) {
    Path p = dir.resolve(relative);
    try {
      Files.createDirectories(p.getParent());
    } catch (IOException e) {
      throw RunFiles.cannotWrite(p.getParent(), e);
    }
    return p;
  }

  public boolean hasTable(String name) {
    return Files.isDirectory(RunLayout.table(dir, name));
  }

  /** A table an earlier stage wrote. */
  public Dataset<Row> table(String name) {
    if (!hasTable(name)) {
      throw RapportException.input(
          "table %s is missing from the run folder: run the stage that writes it first, or"
              + " ./rapport run",
          name);
    }
    String path = dir.resolve("tables").resolve(name).toString();
    StructType schema = written.get(name);
    return schema == null ? spark.read().parquet(path) : spark.read().schema(schema).parquet(path);
  }

  /**
   * Writes a table deterministically: hash-partitioned on its key, sorted within each part, files
   * named part-00000.parquet, ... so a rerun gives the same bytes.
   *
   * @param rows the table's row count (known to the caller), used to size the parts
   * @param keys the columns that order the rows (a unique key)
   */
  public void writeTable(String name, Dataset<Row> df, long rows, String... keys) {
    Path target = dir.resolve("tables").resolve(name);
    // A new folder beside the old one, then swapped in: the old one may be hard links into the
    // committed run, and a table is never written into them.
    Path fresh = dir.resolve("tables").resolve(".new-" + name);
    RunFolder.delete(fresh);
    int parts = (int) Math.max(1, Math.min(512, (rows + 999_999) / 1_000_000));
    Column[] keyCols =
        Arrays.stream(keys).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> ordered =
        (parts == 1 ? df.coalesce(1) : df.repartition(parts, keyCols))
            .sortWithinPartitions(keyCols);
    spark.sparkContext().setJobDescription("write tables/" + name);
    progress.follow(spark, "writing " + name);
    // the digest's sums come from the pass that writes the rows, not from a second read
    TableDigest.Observed digest = TableDigest.observe(ordered);
    try {
      digest
          .rows()
          .write()
          .mode(SaveMode.ErrorIfExists)
          .option("compression", "snappy")
          .parquet(fresh.toString());
    } finally {
      progress.stopFollowing();
    }
    tidyParts(fresh);
    String sha256 = digest.sha256(OBSERVED_DIGEST_WAIT_SECONDS);
    if (sha256 == null) {
      spark.sparkContext().setJobDescription("digest tables/" + name);
      sha256 = TableDigest.sha256(spark.read().parquet(fresh.toString()));
    }
    RunFiles.writeString(fresh.resolve(TableDigest.FILE), sha256 + "\n");
    RunFolder.delete(target);
    try {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw RunFiles.cannotWrite(target, e);
    }
    written.put(name, ordered.schema());
    recordOutput("tables/" + name, rows);
  }

  /** Renames Spark's part files to stable names and drops checksum files. */
  private static void tidyParts(Path table) {
    try (Stream<Path> files = Files.list(table)) {
      List<Path> parts = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        String n = f.getFileName().toString();
        if (n.endsWith(".crc") || n.equals("_SUCCESS")) {
          Files.delete(f);
        } else if (n.startsWith("part-")) {
          parts.add(f);
        }
      }
      for (Path f : parts) {
        String n = f.getFileName().toString();
        Files.move(f, table.resolve(n.substring(0, 10) + ".parquet"));
      }
    } catch (IOException e) {
      throw RunFiles.cannotWrite(table, e);
    }
  }

  /** Records an output file or table and its row count for the manifest. */
  public void recordOutput(String relative, long rows) {
    outputRows.put(relative, rows);
    stageOutputs.put(relative, rows);
    if (relative.startsWith("tables/")) {
      progress.addRows(rows);
    }
  }

  /** Starts recording the outputs of the next stage for its {@link #result()}. */
  void startStage() {
    stageOutputs.clear();
  }

  /** What the running stage wrote so far: its {@link Stage#run} returns it. */
  public Stage.Result result() {
    return new Stage.Result(stageOutputs);
  }

  public Map<String, Long> outputRows() {
    return outputRows;
  }

  /**
   * The rows of {@code table} when an earlier stage of this run wrote it, else {@code table}'s rows
   * counted (a single stage starting from the committed run): a run does not count again what it
   * wrote.
   */
  public long tableRows(String table) {
    Long rows = outputRows.get("tables/" + table);
    return rows != null ? rows : table(table).count();
  }

  public void recordInput(Manifest.Input input) {
    inputs.add(input);
    progress.addRows(input.rowsRead());
  }

  public List<Manifest.Input> inputs() {
    return inputs;
  }
}
