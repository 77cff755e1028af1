package rapport.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import rapport.errors.RapportException;

/**
 * {@code outreach/outreach.manifest.json}: the touch effect the priorities used and how, the counts
 * of the list (customers, suppressed, candidates, contacted, held out, unmatched rows), the
 * previous run the delta compares with, and every CRM file with its rows and hash. {@link #render}
 * writes it, {@link #counts} reads its counts back for the report, with the same keys.
 */
public final class OutreachManifest {
  private OutreachManifest() {}

  // the keys of the counts object
  static final String COUNTS = "counts";
  static final String CUSTOMERS = "customers";
  static final String SUPPRESSED = "suppressed";
  static final String CANDIDATES = "candidates";
  static final String CONTACTED = "contacted";

  /**
   * The counts of an outreach list: customers considered, suppressed by reason, candidates, and
   * contacted (the candidates not held out).
   */
  public record Counts(
      long customers, Map<String, Long> suppressed, long candidates, long contacted) {}

  /**
   * The counts of the outreach manifest {@code manifest}, empty when there is no such file; a file
   * that is not JSON is an input error (exit 3).
   */
  public static Optional<Counts> counts(Path manifest) {
    if (!Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    JsonNode counts;
    try {
      counts = new ObjectMapper().readTree(Files.readAllBytes(manifest)).path(COUNTS);
    } catch (IOException e) {
      throw RapportException.input(
          "%s is not readable JSON (%s); rerun ./rapport outreach", manifest, e.getMessage());
    }
    Map<String, Long> suppressed = new TreeMap<>();
    counts
        .path(SUPPRESSED)
        .fields()
        .forEachRemaining(e -> suppressed.put(e.getKey(), e.getValue().asLong()));
    return Optional.of(
        new Counts(
            counts.path(CUSTOMERS).asLong(),
            suppressed,
            counts.path(CANDIDATES).asLong(),
            counts.path(CONTACTED).asLong()));
  }

  static String render(
      String runId,
      LocalDate asOf,
      TouchEffect effect,
      long customers,
      Map<String, Long> suppressed,
      List<OutreachRow> rows,
      Map<String, Long> orphansWithoutSlot,
      List<CrmFiles.Unmatched> unmatched,
      List<SafeCsv.Written> files,
      Optional<Path> previous,
      boolean classified) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode m = json.createObjectNode();
    m.put("run_id", runId);
    m.put("as_of", asOf.toString());
    ObjectNode e = m.putObject("touch_effect");
    e.put("source", effect.source());
    e.put("model", TouchEffect.MODEL);
    e.put("term", TouchEffect.TERM);
    e.put("hazard_ratio", effect.hazardRatio());
    putNullable(e, "hazard_ratio_lower95", effect.lower95());
    putNullable(e, "hazard_ratio_upper95", effect.upper95());
    if (effect.n() == null) {
      e.putNull("n");
    } else {
      e.put("n", effect.n());
    }
    e.put("description", effect.describe());
    if (effect.isNoBenefit()) {
      e.put(
          "warning",
          "the estimated hazard ratio is not below 1: a personal touch is not estimated to help,"
              + " so every priority is 0 and rows are ordered by value at risk");
    }
    e.put(
        "formula",
        "priority = (1 - S) * EV * effect, effect = (S^HR - S) / (1 - S), i.e. EV * (S^HR - S)");
    ObjectNode counts = m.putObject(COUNTS);
    counts.put(CUSTOMERS, customers);
    ObjectNode sup = counts.putObject(SUPPRESSED);
    suppressed.forEach(sup::put);
    long holdout = rows.stream().filter(OutreachRow::isHoldout).count();
    counts.put(CANDIDATES, rows.size());
    counts.put(CONTACTED, rows.size() - holdout);
    counts.put("holdout", holdout);
    counts.put("handoffs", rows.stream().filter(r -> !r.isHoldout() && r.isHandoff()).count());
    ObjectNode orphan = counts.putObject("handoffs_without_spare_capacity_by_team");
    orphansWithoutSlot.forEach((team, n) -> orphan.put(team.isEmpty() ? "(none)" : team, n));
    ObjectNode un = counts.putObject("unmatched");
    Map<String, Long> byReason = new TreeMap<>();
    unmatched.forEach(u -> byReason.merge(u.target() + ":" + u.reasonCode(), 1L, Long::sum));
    byReason.forEach(un::put);
    m.put(
        "touch_kinds_from",
        classified ? "tables/touches" : "author_type and direction (no tables/touches)");
    m.put("previous_run", previous.map(p -> p.getFileName().toString()).orElse(null));
    ArrayNode fs = m.putArray("files");
    for (SafeCsv.Written f : files) {
      fs.addObject()
          .put("path", f.path().substring(f.path().indexOf('/') + 1))
          .put("rows", f.rows())
          .put("sha256", f.sha256());
    }
    try {
      return json.writeValueAsString(m) + "\n";
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static void putNullable(ObjectNode n, String key, Double v) {
    if (v == null) {
      n.putNull(key);
    } else {
      n.put(key, v);
    }
  }
}
