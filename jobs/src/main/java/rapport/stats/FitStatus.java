package rapport.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a fit may be used, and if not why: the checks every fitter runs on its own result
 * (convergence, finite log-likelihood and standard errors, parameters in a plausible range) and the
 * invariants the stages check on its predictions. A fit with a problem is never used: the stage
 * that asked for it falls back and names the problem.
 *
 * @param problems what is wrong, one phrase each; empty when the fit is usable
 */
public record FitStatus(List<String> problems) {

  public FitStatus {
    problems = List.copyOf(problems);
  }

  public static final FitStatus USABLE = new FitStatus(List.of());

  public boolean usable() {
    return problems.isEmpty();
  }

  /** "usable", or "not used: problem; problem". */
  public String describe() {
    return usable() ? "usable" : "not used: " + String.join("; ", problems);
  }

  /** This status with more problems. */
  public FitStatus with(List<String> more) {
    List<String> all = new ArrayList<>(problems);
    all.addAll(more);
    return new FitStatus(all);
  }

  /** Collects the problems of a fit. */
  static final class Checks {
    private final List<String> problems = new ArrayList<>();

    Checks converged(boolean converged, double gradient, int steps) {
      if (!converged) {
        problems.add(
            String.format(
                Locale.ROOT,
                "not converged (gradient %s after %d Newton steps)",
                Format.num(gradient),
                steps));
      }
      return this;
    }

    Checks finite(String what, double v) {
      if (!Double.isFinite(v)) {
        problems.add(what + " is not finite (" + Format.num(v) + ")");
      }
      return this;
    }

    Checks finiteAll(String what, String[] names, double[] v) {
      List<String> bad = new ArrayList<>();
      for (int k = 0; k < v.length; k++) {
        if (!Double.isFinite(v[k])) {
          bad.add(names[k]);
        }
      }
      if (!bad.isEmpty()) {
        problems.add(
            what
                + " not finite for "
                + String.join(", ", bad)
                + " (the likelihood is flat there: the data do not identify it)");
      }
      return this;
    }

    Checks within(String name, double v, double low, double high) {
      if (!(v >= low && v <= high)) {
        problems.add(
            String.format(
                Locale.ROOT,
                "%s = %s outside the plausible range [%s, %s]",
                name,
                Format.num(v),
                Format.num(low),
                Format.num(high)));
      }
      return this;
    }

    Checks add(String problem) {
      problems.add(problem);
      return this;
    }

    FitStatus status() {
      return new FitStatus(problems);
    }
  }
}
