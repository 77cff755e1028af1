package rapport.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Which covariates of a regression carry information of their own. A covariate is dropped when it
 * is constant (its weighted variance is zero to rounding) or aliased: a linear combination of the
 * covariates kept before it, found as a zero pivot of the Cholesky factorisation of the centred
 * cross-product matrix, taken in the given order (as R's {@code lm} and {@code coxph} report NA for
 * an aliased term). Its residual variance after the earlier ones must exceed 1e−8 of its own.
 */
final class Aliasing {
  private Aliasing() {}

  /** Row i's value of covariate k. */
  interface Values {
    double x(int i, int k);
  }

  /** Row i's weight. */
  interface Weights {
    double w(int i);
  }

  /**
   * @param kept the indices of the kept covariates, in order
   * @param dropped the dropped ones, each as "name (constant)" or "name (aliased: ...)"
   */
  record Result(int[] kept, List<String> dropped) {
    boolean none() {
      return dropped.isEmpty();
    }
  }

  static final double RELATIVE_TOLERANCE = 1e-8;

  static Result of(List<String> names, int n, Values values, Weights weights) {
    int p = names.size();
    double[] mean = new double[p];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double w = weights.w(i);
      total += w;
      for (int k = 0; k < p; k++) {
        mean[k] += w * values.x(i, k);
      }
    }
    for (int k = 0; k < p; k++) {
      mean[k] = total > 0 ? mean[k] / total : 0;
    }
    double[][] g = new double[p][p];
    double[] xc = new double[p];
    for (int i = 0; i < n; i++) {
      double w = weights.w(i);
      for (int k = 0; k < p; k++) {
        xc[k] = values.x(i, k) - mean[k];
      }
      for (int j = 0; j < p; j++) {
        for (int k = 0; k <= j; k++) {
          g[j][k] += w * xc[j] * xc[k];
        }
      }
    }
    // Cholesky column by column, skipping the columns whose pivot vanishes
    double[][] l = new double[p][p];
    List<Integer> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (int k = 0; k < p; k++) {
      double scale = Math.max(1.0, mean[k] * mean[k]);
      if (!(g[k][k] > 1e-12 * scale * Math.max(total, 1))) {
        dropped.add(names.get(k) + " (constant)");
        continue;
      }
      double residual = g[k][k];
      for (int j : kept) {
        residual -= l[k][j] * l[k][j];
      }
      if (!(residual > RELATIVE_TOLERANCE * g[k][k])) {
        List<String> with = new ArrayList<>();
        for (int j : kept) {
          with.add(names.get(j));
        }
        dropped.add(
            names.get(k) + " (aliased: a linear combination of " + String.join(", ", with) + ")");
        continue;
      }
      double pivot = Math.sqrt(residual);
      l[k][k] = pivot;
      for (int m = k + 1; m < p; m++) {
        double s = g[m][k];
        for (int j : kept) {
          s -= l[m][j] * l[k][j];
        }
        l[m][k] = s / pivot;
      }
      kept.add(k);
    }
    return new Result(kept.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(dropped));
  }
}
