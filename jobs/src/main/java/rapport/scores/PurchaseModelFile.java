package rapport.scores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rapport.errors.RapportException;
import rapport.run.RunFiles;
import rapport.stats.BgNbdFit;
import rapport.stats.FitStatus;

/**
 * The run's one BG/NBD fit, {@code scores/bgnbd.json}: the score stage fits BG/NBD on the purchase
 * histories at T once and writes it here with its status; the retention stage reads it instead of
 * fitting again, so that both stages' P(alive) and expected purchases come from the same optimum.
 * t<sub>x</sub>, T and α are in weeks.
 */
public final class PurchaseModelFile {
  private PurchaseModelFile() {}

  public static final String FILE = "scores/bgnbd.json";

  /**
   * The stored fit.
   *
   * @param fit the parameters in weeks
   * @param status whether it may be used: the fit's own checks and the invariants of its
   *     predictions at T
   */
  public record Stored(BgNbdFit fit, FitStatus status) {

    /** The same fit with t_x, T and α in units of {@code days} days (α scales with the unit). */
    public Stored inUnitOfDays(double days) {
      if (days == 7) {
        return this;
      }
      double f = 7.0 / days;
      double[] se = fit.stdErrors();
      se[1] *= f;
      return new Stored(
          BgNbdFit.restore(
              fit.label(),
              new double[] {fit.r(), fit.alpha() * f, fit.a(), fit.b()},
              se,
              fit.logLikelihood(),
              fit.customers(),
              fit.distinctTriples(),
              fit.converged(),
              fit.penalizerCoef(),
              fit.note()),
          status);
    }
  }

  /** The file's text for a fit and its status at T. */
  static String json(BgNbdFit fit, FitStatus status) {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = m.createObjectNode();
    o.put("model", "bgnbd");
    o.put("time_unit", "week");
    o.put("fitted_on", fit.label());
    o.put("customers", fit.customers());
    o.put("distinct_triples", fit.distinctTriples());
    o.put("r", fit.r());
    o.put("alpha", fit.alpha());
    o.put("a", fit.a());
    o.put("b", fit.b());
    ArrayNode se = o.putArray("std_errors");
    for (double v : fit.stdErrors()) {
      // JSON has no NaN: a missing standard error is null
      if (Double.isFinite(v)) {
        se.add(v);
      } else {
        se.addNull();
      }
    }
    o.put("log_likelihood", fit.logLikelihood());
    o.put("converged", fit.converged());
    o.put("penalizer_coef", fit.penalizerCoef());
    o.put("note", fit.note());
    o.put("usable", status.usable());
    ArrayNode problems = o.putArray("problems");
    status.problems().forEach(problems::add);
    try {
      return m.writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the BG/NBD fit: " + e.getMessage(), e);
    }
  }

  /** Reads the file, or null when the run has none (the score stage did not run). */
  public static Stored read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    JsonNode o;
    try {
      o = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw RapportException.output(
          e, "cannot read %s: %s (rerun the score stage to rewrite it)", file, e.getMessage());
    }
    double[] se = new double[4];
    for (int k = 0; k < 4; k++) {
      JsonNode v = o.path("std_errors").path(k);
      se[k] = v.isNumber() ? v.asDouble() : Double.NaN;
    }
    BgNbdFit fit =
        BgNbdFit.restore(
            o.path("fitted_on").asText(),
            new double[] {
              o.path("r").asDouble(), o.path("alpha").asDouble(),
              o.path("a").asDouble(), o.path("b").asDouble()
            },
            se,
            o.path("log_likelihood").asDouble(Double.NaN),
            o.path("customers").asDouble(),
            o.path("distinct_triples").asInt(),
            o.path("converged").asBoolean(),
            o.path("penalizer_coef").asDouble(),
            o.path("note").isTextual() ? o.path("note").asText() : null);
    List<String> problems = new ArrayList<>();
    o.path("problems").forEach(p -> problems.add(p.asText()));
    if (!o.path("usable").asBoolean() && problems.isEmpty()) {
      problems.add("marked not usable in " + file.getFileName());
    }
    return new Stored(fit, new FitStatus(problems));
  }

  /** Writes the file. */
  static void write(Path file, BgNbdFit fit, FitStatus status) {
    RunFiles.writeString(file, json(fit, status));
  }
}
