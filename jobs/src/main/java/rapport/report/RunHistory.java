package rapport.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import rapport.errors.BuildInfo;
import rapport.report.ReportData.InputFacts;
import rapport.report.ReportData.RunFacts;
import rapport.run.Manifest;
import rapport.run.Pipeline;
import rapport.run.RunContext;

/** This run's facts, and the run before it under the same output folder. */
public final class RunHistory {
  private RunHistory() {}

  /** The facts of the run being written. */
  public static RunFacts current(RunContext ctx) {
    // A single-stage run is seeded with the committed run's manifest, whose inputs it keeps.
    ObjectNode seeded = Manifest.read(ctx.dir());
    List<InputFacts> inputs = new ArrayList<>();
    if (!ctx.inputs().isEmpty()) {
      for (Manifest.Input i : ctx.inputs()) {
        inputs.add(
            new InputFacts(
                i.name(),
                i.format(),
                i.files().size(),
                combinedSha(i.files().stream().map(Manifest.InputFile::sha256).toList()),
                i.rowsRead()));
      }
    } else {
      inputs = inputs(seeded);
    }
    return new RunFacts(
        ctx.asOf(),
        Pipeline.runId(ctx.asOf(), ctx.config(), ctx, seeded),
        ctx.config().file().getFileName().toString(),
        ctx.config().sha256(),
        BuildInfo.version(),
        ctx.config().timeZone().getId(),
        ctx.config().horizonDays(),
        ctx.spark().version(),
        inputs);
  }

  /** The facts of a committed run, from its manifest. */
  public static RunFacts committed(Path folder, LocalDate asOf) {
    ObjectNode m = Manifest.read(folder);
    return new RunFacts(
        asOf,
        m.path("run_id").asText("unknown"),
        m.path("config").path("file").asText(""),
        m.path("config").path("sha256").asText(""),
        m.path("code_version").asText(""),
        m.path("time_zone").asText(""),
        m.path("horizon_days").asInt(0),
        m.path("spark").path("version").asText(""),
        inputs(m));
  }

  private static List<InputFacts> inputs(JsonNode manifest) {
    List<InputFacts> out = new ArrayList<>();
    for (JsonNode i : manifest.path("inputs")) {
      List<String> shas = new ArrayList<>();
      i.path("files").forEach(f -> shas.add(f.path("sha256").asText()));
      out.add(
          new InputFacts(
              i.path("name").asText(),
              i.path("format").asText(),
              shas.size(),
              combinedSha(shas),
              i.path("rows_read").asLong()));
    }
    return out;
  }

  /** One file's SHA-256, or for several files the SHA-256 of their hashes in order. */
  private static String combinedSha(List<String> shas) {
    if (shas.size() == 1) {
      return shas.get(0);
    }
    return Manifest.sha256(
        String.join("\n", shas).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
