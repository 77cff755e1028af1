package rapport.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Logistic regression with an intercept by iteratively reweighted least squares, i.e. Newton's
 * method on the binomial log-likelihood (McCullagh &amp; Nelder 1989, §4.4; as R's {@code glm} and
 * statsmodels' {@code Logit}):
 *
 * <pre>
 *   μ = 1/(1 + e^−Xβ),   ℓ = Σ w·(y·log μ + (1−y)·log(1−μ))
 *   β ← β + (Xᵀ W X)⁻¹ Xᵀ w (y − μ),   W = diag(w·μ(1−μ))
 * </pre>
 *
 * until the deviance changes by less than 1e−10 relative (R's glm uses 1e−8), with step-halving if
 * the log-likelihood falls. Standard errors are the square roots of the diagonal of (Xᵀ W X)⁻¹.
 * Weights are counts of identical rows.
 *
 * <p>Guards: covariates that are constant or aliased (a linear combination of earlier ones, see
 * {@link Aliasing}) are dropped before fitting and named in the fit; (quasi-)complete separation —
 * the outcome predicted perfectly by a combination of covariates, so that the maximum likelihood
 * lies at infinity — is detected after fitting (not converged, a standardised coefficient beyond
 * {@value #SEPARATION_COEFFICIENT}, or fitted probabilities within 1e−8 of 0 or 1) and marks the
 * fit as not usable in its {@link FitStatus}, as R's glm warns "fitted probabilities numerically 0
 * or 1 occurred".
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /** |β·sd(x)| beyond this (an odds ratio of e^15 per standard deviation) is separation. */
  public static final double SEPARATION_COEFFICIENT = 15;

  /**
   * Fits the model.
   *
   * @param names covariate names (the intercept is added as "intercept")
   * @param columns one array per covariate
   * @param y the outcome, 0 or 1
   * @param weights counts of identical rows, or null for ones
   */
  public static Fit fit(
      String label, List<String> names, double[][] columns, double[] y, double[] weights) {
    int n = y.length;
    int p = names.size() + 1;
    if (columns.length != names.size()) {
      throw new IllegalArgumentException(columns.length + " columns for names " + names);
    }
    double[] w = weights == null ? filled(n, 1.0) : weights;
    for (int i = 0; i < n; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("row " + i + ": outcome must be 0 or 1, got " + y[i]);
      }
    }
    for (int k = 0; k < columns.length; k++) {
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(columns[k][i])) {
          throw new IllegalArgumentException(
              "row " + i + ", covariate " + names.get(k) + ": not finite: " + columns[k][i]);
        }
      }
    }
    double[] wf = w;
    Aliasing.Result aliasing = Aliasing.of(names, n, (i, k) -> columns[k][i], i -> wf[i]);
    if (!aliasing.none()) {
      List<String> keptNames = new ArrayList<>();
      double[][] keptColumns = new double[aliasing.kept().length][];
      for (int j = 0; j < keptColumns.length; j++) {
        keptNames.add(names.get(aliasing.kept()[j]));
        keptColumns[j] = columns[aliasing.kept()[j]];
      }
      Fit fit = fit(label, keptNames, keptColumns, y, weights);
      return fit.withDropped(aliasing.dropped());
    }
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      x[i][0] = 1;
      for (int k = 1; k < p; k++) {
        x[i][k] = columns[k - 1][i];
      }
    }
    double[] beta = new double[p];
    double ll = logLikelihood(x, y, w, beta);
    double nullLl = Double.NaN;
    int iterations = 0;
    boolean converged = false;
    double[][] info = new double[p][p];
    while (!converged && iterations < 50) {
      iterations++;
      double[] score = new double[p];
      info = information(x, y, w, beta, score);
      double[] step = solver(info).solve(new ArrayRealVector(score, false)).toArray();
      double[] next = new double[p];
      double nextLl = Double.NaN;
      double scale = 1;
      for (int halving = 0; halving < 30; halving++) {
        for (int k = 0; k < p; k++) {
          next[k] = beta[k] + scale * step[k];
        }
        nextLl = logLikelihood(x, y, w, next);
        if (nextLl >= ll - 1e-12 * Math.abs(ll)) {
          break;
        }
        scale /= 2;
      }
      converged = Math.abs(nextLl - ll) / (Math.abs(2 * nextLl) + 0.1) < 1e-10;
      beta = next;
      ll = nextLl;
    }
    info = information(x, y, w, beta, new double[p]);
    double[][] cov = solver(info).getInverse().getData();
    double ybar = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      ybar += w[i] * y[i];
      total += w[i];
    }
    ybar /= total;
    nullLl =
        total
            * (ybar > 0 && ybar < 1 ? ybar * Math.log(ybar) + (1 - ybar) * Math.log(1 - ybar) : 0);
    List<String> all = new ArrayList<>();
    all.add("intercept");
    all.addAll(names);
    List<Estimate> estimates = new ArrayList<>();
    for (int k = 0; k < p; k++) {
      estimates.add(Estimate.wald(all.get(k), beta[k], Math.sqrt(cov[k][k])));
    }
    FitStatus.Checks checks =
        new FitStatus.Checks()
            .converged(converged, Double.NaN, iterations)
            .finite("the log-likelihood", ll);
    separation(checks, x, w, beta, all);
    return new Fit(
        label,
        List.copyOf(estimates),
        ll,
        nullLl,
        total,
        iterations,
        converged,
        List.of(),
        checks.status());
  }

  /** Adds the signs of (quasi-)complete separation to the checks. */
  private static void separation(
      FitStatus.Checks checks, double[][] x, double[] w, double[] beta, List<String> terms) {
    int n = x.length;
    int p = beta.length;
    double total = 0;
    double[] mean = new double[p];
    double[] square = new double[p];
    long extreme = 0;
    for (int i = 0; i < n; i++) {
      total += w[i];
      for (int k = 1; k < p; k++) {
        mean[k] += w[i] * x[i][k];
        square[k] += w[i] * x[i][k] * x[i][k];
      }
      double mu = sigmoid(dot(x[i], beta));
      if (mu < 1e-8 || mu > 1 - 1e-8) {
        extreme++;
      }
    }
    List<String> large = new ArrayList<>();
    for (int k = 1; k < p; k++) {
      double m = mean[k] / total;
      double sd = Math.sqrt(Math.max(0, square[k] / total - m * m));
      if (!(Math.abs(beta[k]) * sd <= SEPARATION_COEFFICIENT)) {
        large.add(terms.get(k));
      }
    }
    if (!large.isEmpty() || extreme > 0) {
      checks.add(
          String.format(
              Locale.ROOT,
              "separation: the outcome is (almost) perfectly predicted (%d of %d rows fitted at"
                  + " probability 0 or 1%s)",
              extreme,
              n,
              large.isEmpty() ? "" : "; diverging coefficients: " + String.join(", ", large)));
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static DecompositionSolver solver(double[][] info) {
    try {
      return new CholeskyDecomposition(new Array2DRowRealMatrix(info), 1e-12, 1e-14).getSolver();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the information matrix is singular: a covariate is constant, collinear with others, or"
              + " separates the outcome perfectly",
          e);
    }
  }

  private static double[][] information(
      double[][] x, double[] y, double[] w, double[] beta, double[] score) {
    int p = beta.length;
    double[][] info = new double[p][p];
    for (int i = 0; i < x.length; i++) {
      double mu = sigmoid(dot(x[i], beta));
      double v = w[i] * mu * (1 - mu);
      double r = w[i] * (y[i] - mu);
      for (int j = 0; j < p; j++) {
        score[j] += r * x[i][j];
        for (int k = 0; k <= j; k++) {
          info[j][k] += v * x[i][j] * x[i][k];
        }
      }
    }
    for (int j = 0; j < p; j++) {
      for (int k = j + 1; k < p; k++) {
        info[j][k] = info[k][j];
      }
    }
    return info;
  }

  private static double logLikelihood(double[][] x, double[] y, double[] w, double[] beta) {
    double ll = 0;
    for (int i = 0; i < x.length; i++) {
      double eta = dot(x[i], beta);
      // log μ = −log(1 + e^−η), log(1 − μ) = −log(1 + e^η)
      ll -= w[i] * (y[i] == 1 ? BgNbd.log1pExp(-eta) : BgNbd.log1pExp(eta));
    }
    return ll;
  }

  static double sigmoid(double eta) {
    return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  /**
   * A fitted logistic regression.
   *
   * @param label what it was fitted on
   * @param estimates the intercept then the covariates, with Wald inference
   * @param logLikelihood ℓ(β̂)
   * @param nullLogLikelihood ℓ of the intercept-only model
   * @param n the weighted number of rows
   * @param iterations Newton steps taken
   * @param converged whether the deviance settled
   * @param dropped covariates left out before fitting, each with its reason (constant, aliased)
   * @param status whether the fit may be used (converged, no separation)
   */
  public record Fit(
      String label,
      List<Estimate> estimates,
      double logLikelihood,
      double nullLogLikelihood,
      double n,
      int iterations,
      boolean converged,
      List<String> dropped,
      FitStatus status) {

    public Fit {
      dropped = List.copyOf(dropped);
    }

    Fit withDropped(List<String> more) {
      List<String> all = new ArrayList<>(more);
      all.addAll(dropped);
      return new Fit(
          label,
          estimates,
          logLikelihood,
          nullLogLikelihood,
          n,
          iterations,
          converged,
          all,
          status);
    }

    /** The covariates the fit uses, in the order of {@link #predict(double...)}. */
    public List<String> terms() {
      return estimates.stream().skip(1).map(Estimate::term).toList();
    }

    /** The estimate of one term ("intercept" or a covariate name). */
    public Estimate estimate(String term) {
      return estimates.stream()
          .filter(e -> e.term().equals(term))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no term " + term + " in " + label));
    }

    /** P(y = 1 | x) for covariate values in the order of the names (without the intercept). */
    public double predict(double... covariates) {
      if (covariates.length != estimates.size() - 1) {
        throw new IllegalArgumentException(
            "expected " + (estimates.size() - 1) + " covariates, got " + covariates.length);
      }
      double eta = estimates.get(0).estimate();
      for (int k = 0; k < covariates.length; k++) {
        eta += estimates.get(k + 1).estimate() * covariates[k];
      }
      return sigmoid(eta);
    }

    /**
     * P(y = 1 | x) for the values of named covariates, a superset of the fit's terms (those it
     * dropped are ignored).
     */
    public double predict(List<String> names, double[] values) {
      double eta = estimates.get(0).estimate();
      for (Estimate e : estimates.subList(1, estimates.size())) {
        int k = names.indexOf(e.term());
        if (k < 0) {
          throw new IllegalArgumentException("no value for covariate " + e.term() + " in " + names);
        }
        eta += e.estimate() * values[k];
      }
      return sigmoid(eta);
    }

    /** P(y = 1 | x) for each row of the given columns. */
    public double[] predict(double[][] columns) {
      int n = columns.length == 0 ? 0 : columns[0].length;
      double[] out = new double[n];
      double[] row = new double[columns.length];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < columns.length; k++) {
          row[k] = columns[k][i];
        }
        out[i] = predict(row);
      }
      return out;
    }

    /** McFadden's pseudo-R²: 1 − ℓ/ℓ₀. */
    public double pseudoRSquared() {
      return 1 - logLikelihood / nullLogLikelihood;
    }

    /** One row per term: term, coef, exp_coef, se, z, p, lower95, upper95. */
    public Table summary() {
      return Table.create(
          label,
          StringColumn.create("term", estimates.stream().map(Estimate::term).toList()),
          DoubleColumn.create("coef", estimates.stream().mapToDouble(Estimate::estimate)),
          DoubleColumn.create("exp_coef", estimates.stream().mapToDouble(Estimate::ratio)),
          DoubleColumn.create("se", estimates.stream().mapToDouble(Estimate::stdError)),
          DoubleColumn.create("z", estimates.stream().mapToDouble(Estimate::z)),
          DoubleColumn.create("p", estimates.stream().mapToDouble(Estimate::p)),
          DoubleColumn.create("lower95", estimates.stream().mapToDouble(Estimate::lower95)),
          DoubleColumn.create("upper95", estimates.stream().mapToDouble(Estimate::upper95)));
    }

    /** The printed summary, as statsmodels' {@code summary()} in brief. */
    public String summaryText() {
      StringBuilder s = new StringBuilder();
      s.append("<rapport.stats.LogisticRegression.Fit: fitted with ")
          .append(Format.num(n))
          .append(" observations>\n");
      s.append("            data = ").append(label).append('\n');
      s.append("  log-likelihood = ")
          .append(String.format(Locale.ROOT, "%.4f", logLikelihood))
          .append(converged ? "" : " (NOT CONVERGED)")
          .append('\n');
      s.append("    pseudo R-squ = ")
          .append(String.format(Locale.ROOT, "%.4f", pseudoRSquared()))
          .append('\n');
      if (!dropped.isEmpty()) {
        s.append("         dropped = ").append(String.join("; ", dropped)).append('\n');
      }
      s.append("          status = ").append(status.describe()).append("\n\n");
      s.append(
          String.format(
              Locale.ROOT,
              "%-24s %10s %10s %10s %10s %10s %10s%n",
              "term",
              "coef",
              "std err",
              "z",
              "p",
              "[0.025",
              "0.975]"));
      for (Estimate e : estimates) {
        s.append(
            String.format(
                Locale.ROOT,
                "%-24s %10.4f %10.4f %10.3f %10s %10.4f %10.4f%n",
                e.term(),
                e.estimate(),
                e.stdError(),
                e.z(),
                Format.p(e.p()),
                e.lower95(),
                e.upper95()));
      }
      return s.toString();
    }
  }
}
