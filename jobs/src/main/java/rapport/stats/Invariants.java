package rapport.stats;

import java.util.List;
import java.util.Locale;

/**
 * The invariants a fit's predictions must keep before a table is written from them. A violation is
 * a problem of the fit (the stage falls back to the next model and says so), never of the run.
 */
public final class Invariants {
  private Invariants() {}

  /** Every value a probability: finite and in [0, 1]. Empty when all are. */
  public static List<String> probabilities(String what, double[] values) {
    long bad = 0;
    double example = 0;
    for (double v : values) {
      if (!(v >= 0 && v <= 1)) {
        bad++;
        example = v;
      }
    }
    return bad == 0
        ? List.of()
        : List.of(
            String.format(
                Locale.ROOT,
                "%s outside [0, 1] or not a number for %d of %d rows (e.g. %s)",
                what,
                bad,
                values.length,
                Format.num(example)));
  }
}
