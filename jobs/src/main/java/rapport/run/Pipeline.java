package rapport.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import rapport.config.RapportConfig;
import rapport.errors.BuildInfo;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.fs.Storage;

/**
 * Runs stages into a staging folder and commits it as {@code <out>/<as_of>/}. A run of all stages
 * starts empty; a single stage starts from the committed run of the same date and replaces only its
 * own outputs.
 */
public final class Pipeline {
  private Pipeline() {}

  /**
   * What a run produced; {@code stageJobs} is the count of Spark jobs each stage started, {@code
   * stageResults} what each stage wrote.
   */
  public record Result(
      Path folder,
      String runId,
      Map<String, Double> stageSeconds,
      Map<String, Integer> stageJobs,
      Map<String, Stage.Result> stageResults) {}

  public static Result run(
      SparkSession spark,
      RapportConfig config,
      LocalDate asOf,
      Path out,
      List<Stage> stages,
      boolean fromCommitted,
      Progress progress) {
    Instant started = Instant.now();
    Storage.configure(spark.sparkContext().hadoopConfiguration());
    try (RunFolder folder = RunFolder.open(out, asOf, config.commit())) {
      return run(spark, config, asOf, folder, stages, fromCommitted, progress, started, true);
    }
  }

  /**
   * Runs {@code stages} as a new run in a temporary folder and removes it, whether they pass or
   * fail: {@code validate} leaves no copy of the inputs behind.
   */
  public static void check(
      SparkSession spark,
      RapportConfig config,
      LocalDate asOf,
      List<Stage> stages,
      Progress progress) {
    Instant started = Instant.now();
    Storage.configure(spark.sparkContext().hadoopConfiguration());
    Path scratch;
    try {
      scratch = Files.createTempDirectory("rapport-validate");
    } catch (IOException e) {
      throw RunFiles.cannotWrite(Path.of(System.getProperty("java.io.tmpdir")), e);
    }
    try (RunFolder folder = RunFolder.open(scratch, asOf, config.commit())) {
      run(spark, config, asOf, folder, stages, false, progress, started, false);
    } finally {
      try {
        RunFolder.delete(scratch);
      } catch (RapportException e) {
        progress.line("could not remove the temporary folder %s: %s", scratch, e.getMessage());
      }
    }
  }

  private static Result run(
      SparkSession spark,
      RapportConfig config,
      LocalDate asOf,
      RunFolder folder,
      List<Stage> stages,
      boolean fromCommitted,
      Progress progress,
      Instant started,
      boolean keepFailed) {
    Path out = folder.root();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Integer> jobs = new LinkedHashMap<>();
    Map<String, Stage.Result> outputs = new LinkedHashMap<>();
    try (JobCounter counter = JobCounter.attach(spark)) {
      ObjectNode previous = Manifest.read(folder.committed().orElse(folder.staging()));
      RunContext ctx = new RunContext(spark, config, asOf, out, folder.staging(), progress);
      if (fromCommitted) {
        if (!folder.hasCommitted() && stages.stream().anyMatch(s -> !s.needs().isEmpty())) {
          throw RapportException.input(
              "no complete run for as_of %s in %s: run ./rapport run --config %s first",
              asOf, out, config.file());
        }
        if (folder.hasCommitted()) {
          folder.seedFromCommitted();
        }
      } else {
        previous = Manifest.read(folder.staging());
      }
      folder.reserveReport();
      progress.plan(stages.stream().map(Stage::name).toList(), lastRunSeconds(out, asOf));
      for (Stage stage : stages) {
        for (String need : stage.needs()) {
          if (!ctx.hasTable(need)) {
            throw RapportException.input(
                "stage %s needs tables/%s, which no earlier stage wrote for as_of %s in %s: run"
                    + " ./rapport run first",
                stage.name(), need, asOf, out);
          }
        }
        long t0 = System.nanoTime();
        ctx.startStage();
        progress.stageStarted(spark, stage.name());
        spark
            .sparkContext()
            .setJobGroup(stage.name(), "rapport " + stage.name() + " as of " + asOf, false);
        Stage.Result done = stage.run(ctx);
        double s = (System.nanoTime() - t0) / 1e9;
        seconds.put(stage.name(), s);
        counter.settle();
        jobs.put(stage.name(), counter.jobs(stage.name()));
        outputs.put(stage.name(), done);
        String counted = counts(ctx, stage, done);
        progress.stageDone(
            (counted.isEmpty() ? "" : counted + ", ") + counter.jobs(stage.name()) + " Spark jobs",
            s);
      }
      RunFolder.delete(folder.staging().resolve(RunLayout.WORK));
      String runId = runId(asOf, config, ctx, previous);
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("run_id", runId);
      header.put("as_of", asOf.toString());
      header.put("code_version", BuildInfo.version());
      header.put(
          "config",
          ordered("file", config.file().getFileName().toString(), "sha256", config.sha256()));
      header.put("time_zone", config.timeZone().getId());
      header.put("horizon_days", config.horizonDays());
      header.put(
          "spark",
          ordered(
              "version",
              spark.version(),
              "master",
              spark.sparkContext().master(),
              "settings",
              rapport.spark.SparkSessions.effectiveSettings(spark)));
      header.put("started_at", started.truncatedTo(ChronoUnit.SECONDS).toString());
      header.put("finished_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      Manifest.write(folder.staging(), previous, header, ctx.inputs(), ctx.outputRows(), seconds);
      Path committed = folder.commit();
      if (keepFailed && seconds.containsKey("score")) {
        History.appendScores(spark, out, committed, asOf, runId);
      }
      return new Result(committed, runId, seconds, jobs, outputs);
    } catch (Exception | Error e) { // Spark throws its checked SparkException all the same
      progress.stageFailed();
      RapportException known = known(e);
      if (known == null) {
        known = RunFiles.outputFailure(e, out);
      }
      ExitCode code = known == null ? ExitCode.UNEXPECTED : known.exitCode();
      if (!keepFailed) {
        folder.discard();
      } else {
        String error = known != null ? known.getMessage() : String.valueOf(e);
        Path failed =
            folder.abandon(code != ExitCode.OUTPUT_COMMIT, error.lines().findFirst().orElse(""));
        if (code == ExitCode.INPUT_CONTRACT && failed != null && seconds.isEmpty()) {
          throw new RapportException(
              code, known.getMessage() + " (partial results kept in " + failed + ")", e);
        }
      }
      if (known != null && known(e) == null) {
        throw known; // an I/O failure Spark wrapped: exit 4 with the file system's reason
      }
      throw e;
    }
  }

  /**
   * What a stage did, for its one progress line: the inputs ingest read (rows read, quarantined),
   * else the tables it wrote (in the run folder or a sink, {@code postgres:schema.table}) with
   * their rows, else how many files.
   */
  static String counts(RunContext ctx, Stage stage, Stage.Result result) {
    List<String> parts = new java.util.ArrayList<>();
    if (stage.needs().isEmpty()) {
      for (Manifest.Input i : ctx.inputs()) {
        parts.add(
            i.name()
                + " "
                + Progress.count(i.rowsRead())
                + " read"
                + (i.rowsQuarantined() == 0
                    ? ""
                    : ", " + Progress.count(i.rowsQuarantined()) + " quarantined"));
      }
      if (!parts.isEmpty()) {
        return String.join("; ", parts);
      }
    }
    result.tables().forEach((name, rows) -> parts.add(name + " " + Progress.count(rows)));
    if (!parts.isEmpty()) {
      return String.join(", ", parts) + " rows";
    }
    int files = result.outputs().size();
    return files == 0 ? "" : files + (files == 1 ? " file" : " files");
  }

  /**
   * What each stage took in the last committed run (of this date, else the latest one under {@code
   * out}), for the progress estimate; empty when there is none.
   */
  private static Map<String, Double> lastRunSeconds(Path out, LocalDate asOf) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    try {
      Optional<Path> last = RunLayout.committed(out, asOf).or(() -> RunLayout.latestCommitted(out));
      last.ifPresent(
          run ->
              Manifest.read(run)
                  .path("stages")
                  .forEach(
                      s -> seconds.put(s.path("name").asText(), s.path("seconds").asDouble())));
    } catch (RapportException e) {
      return Map.of(); // an unreadable folder or manifest gives no estimate; the run rebuilds it
    }
    return seconds;
  }

  /** A RapportException may reach us wrapped (by Spark, by a thread pool). */
  private static RapportException known(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RapportException r) {
        return r;
      }
    }
    return null;
  }

  /**
   * The id of the run being written into {@code ctx}'s folder, as its manifest will carry it: the
   * one id of a run folder, for every file that names the run (the CRM files, IMPORT.md, the
   * report). A single-stage run keeps the id of the run it starts from unless the configuration
   * changed.
   */
  public static String runId(RunContext ctx) {
    return runId(ctx.asOf(), ctx.config(), ctx, Manifest.read(ctx.dir()));
  }

  /**
   * The run id is a fingerprint of what determines the outputs (as-of date, configuration, input
   * files, code version), so a rerun on the same inputs carries the same id.
   */
  public static String runId(
      LocalDate asOf, RapportConfig config, RunContext ctx, ObjectNode previous) {
    StringBuilder sb = new StringBuilder(asOf + "|" + config.sha256() + "|" + BuildInfo.version());
    if (ctx.inputs().isEmpty()) {
      previous
          .path("inputs")
          .forEach(
              i -> i.path("files").forEach(f -> sb.append('|').append(f.path("sha256").asText())));
    } else {
      ctx.inputs().forEach(i -> i.files().forEach(f -> sb.append('|').append(f.sha256())));
    }
    return asOf
        + "-"
        + Manifest.sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .substring(0, 12);
  }

  /**
   * A two-entry object in the order given: {@code Map.of} iterates in an order salted per JVM,
   * which made two runs' manifests differ.
   */
  /** Keys and values in the order given (a Map.of iterates in a per-JVM order). */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
