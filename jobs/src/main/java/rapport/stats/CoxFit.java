package rapport.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A fitted Cox proportional hazards model (see {@link CoxPH}). Immutable. */
public final class CoxFit {
  private final String label;
  private final CoxPH.Ties ties;
  private final List<String> names;
  private final double[] coefficients;
  private final double[][] variance;
  private final double logLikelihood;
  private final double nullLogLikelihood;
  private final Concordance.Counts concordance;
  private final int rows;
  private final double n;
  private final double events;
  private final int iterations;
  private final boolean converged;
  private final List<String> dropped;
  private final FitStatus status;

  CoxFit(
      String label,
      CoxPH.Ties ties,
      List<String> names,
      double[] coefficients,
      double[][] variance,
      double logLikelihood,
      double nullLogLikelihood,
      Concordance.Counts concordance,
      int rows,
      double n,
      double events,
      int iterations,
      boolean converged,
      List<String> dropped,
      FitStatus status) {
    this.label = label;
    this.ties = ties;
    this.names = List.copyOf(names);
    this.coefficients = coefficients.clone();
    this.variance = variance;
    this.logLikelihood = logLikelihood;
    this.nullLogLikelihood = nullLogLikelihood;
    this.concordance = concordance;
    this.rows = rows;
    this.n = n;
    this.events = events;
    this.iterations = iterations;
    this.converged = converged;
    this.dropped = List.copyOf(dropped);
    this.status = status;
  }

  /** This fit with covariates named as dropped before fitting. */
  CoxFit withDropped(List<String> more) {
    List<String> all = new ArrayList<>(more);
    all.addAll(dropped);
    return new CoxFit(
        label,
        ties,
        names,
        coefficients,
        variance,
        logLikelihood,
        nullLogLikelihood,
        concordance,
        rows,
        n,
        events,
        iterations,
        converged,
        all,
        status);
  }

  /** Covariates left out before fitting, each with its reason (constant, aliased). */
  public List<String> dropped() {
    return dropped;
  }

  /** Whether the fit may be used: converged, no diverging coefficient. */
  public FitStatus status() {
    return status;
  }

  public String label() {
    return label;
  }

  public CoxPH.Ties ties() {
    return ties;
  }

  public List<String> names() {
    return names;
  }

  /** The coefficients β (log hazard ratios), in the order of {@link #names()}. */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The variance–covariance matrix of β: the inverse of the information. */
  public double[][] variance() {
    double[][] copy = new double[variance.length][];
    for (int i = 0; i < variance.length; i++) {
      copy[i] = variance[i].clone();
    }
    return copy;
  }

  /** The coefficient of one covariate with its standard error, interval and Wald p-value. */
  public Estimate estimate(String name) {
    int k = names.indexOf(name);
    if (k < 0) {
      throw new IllegalArgumentException("no covariate " + name + " in " + names);
    }
    return Estimate.wald(name, coefficients[k], Math.sqrt(variance[k][k]));
  }

  /** All coefficients in order. */
  public List<Estimate> estimates() {
    List<Estimate> out = new ArrayList<>();
    for (String name : names) {
      out.add(estimate(name));
    }
    return out;
  }

  /** The log partial likelihood at β̂. */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** The log partial likelihood at β = 0. */
  public double nullLogLikelihood() {
    return nullLogLikelihood;
  }

  /** The likelihood-ratio test of β = 0: statistic 2(ℓ(β̂) − ℓ(0)) on p degrees of freedom. */
  public LikelihoodRatioTest likelihoodRatioTest() {
    return LikelihoodRatioTest.of(logLikelihood, nullLogLikelihood, names.size());
  }

  /** Harrell's concordance of the linear predictor (see {@link Concordance}). */
  public double concordance() {
    return concordance.value();
  }

  public Concordance.Counts concordanceCounts() {
    return concordance;
  }

  /** The number of input rows (person-periods). */
  public int rows() {
    return rows;
  }

  /** The weighted number of rows. */
  public double n() {
    return n;
  }

  /** The weighted number of events. */
  public double events() {
    return events;
  }

  public int iterations() {
    return iterations;
  }

  public boolean converged() {
    return converged;
  }

  /**
   * One row per covariate: covariate, coef, exp_coef, se, z, p, lower95, upper95, exp_lower95,
   * exp_upper95, as lifelines' {@code summary}.
   */
  public Table summary() {
    List<Estimate> es = estimates();
    return Table.create(
        label,
        StringColumn.create("covariate", names),
        DoubleColumn.create("coef", es.stream().mapToDouble(Estimate::estimate)),
        DoubleColumn.create("exp_coef", es.stream().mapToDouble(Estimate::ratio)),
        DoubleColumn.create("se", es.stream().mapToDouble(Estimate::stdError)),
        DoubleColumn.create("z", es.stream().mapToDouble(Estimate::z)),
        DoubleColumn.create("p", es.stream().mapToDouble(Estimate::p)),
        DoubleColumn.create("lower95", es.stream().mapToDouble(Estimate::lower95)),
        DoubleColumn.create("upper95", es.stream().mapToDouble(Estimate::upper95)),
        DoubleColumn.create("exp_lower95", es.stream().mapToDouble(Estimate::ratioLower95)),
        DoubleColumn.create("exp_upper95", es.stream().mapToDouble(Estimate::ratioUpper95)));
  }

  /** The printed summary in the manner of lifelines' {@code print_summary()}. */
  public String summaryText() {
    StringBuilder s = new StringBuilder();
    s.append("<rapport.stats.CoxFit: fitted with ")
        .append(Format.num(n))
        .append(" total observations, ")
        .append(Format.num(n - events))
        .append(" right-censored observations>\n");
    s.append("             data = ").append(label).append('\n');
    s.append("             rows = ").append(rows).append(" (start, stop] intervals\n");
    s.append("             ties = ").append(ties.name().toLowerCase(Locale.ROOT)).append('\n');
    s.append("           events = ").append(Format.num(events)).append('\n');
    s.append("   log-likelihood = ").append(Format.num(logLikelihood)).append('\n');
    s.append("       iterations = ")
        .append(iterations)
        .append(converged ? "" : " (NOT CONVERGED)")
        .append('\n');
    if (!dropped.isEmpty()) {
      s.append("          dropped = ").append(String.join("; ", dropped)).append('\n');
    }
    s.append("           status = ").append(status.describe()).append('\n');
    s.append('\n');
    s.append(
        String.format(
            Locale.ROOT,
            "%-24s %10s %10s %10s %10s %10s %10s %10s%n",
            "covariate",
            "coef",
            "exp(coef)",
            "se(coef)",
            "lower 95%",
            "upper 95%",
            "z",
            "p"));
    for (Estimate e : estimates()) {
      s.append(
          String.format(
              Locale.ROOT,
              "%-24s %10.4f %10.4f %10.4f %10.4f %10.4f %10.2f %10s%n",
              e.term(),
              e.estimate(),
              e.ratio(),
              e.stdError(),
              e.ratioLower95(),
              e.ratioUpper95(),
              e.z(),
              Format.p(e.p())));
    }
    LikelihoodRatioTest lr = likelihoodRatioTest();
    s.append('\n');
    s.append(String.format(Locale.ROOT, "Concordance = %.3f%n", concordance()));
    s.append(
        String.format(
            Locale.ROOT,
            "Likelihood ratio test = %.2f on %d df, p = %s%n",
            lr.statistic(),
            lr.df(),
            Format.p(lr.p())));
    return s.toString();
  }

  @Override
  public String toString() {
    return summaryText();
  }

  /**
   * A likelihood-ratio test.
   *
   * @param statistic 2(ℓ₁ − ℓ₀)
   * @param df degrees of freedom
   * @param p the upper chi-square tail probability
   */
  public record LikelihoodRatioTest(double statistic, int df, double p) {
    static LikelihoodRatioTest of(double loglik, double nullLoglik, int df) {
      double stat = 2 * (loglik - nullLoglik);
      double p =
          df == 0
              ? Double.NaN
              : 1 - new ChiSquaredDistribution(df).cumulativeProbability(Math.max(0, stat));
      return new LikelihoodRatioTest(stat, df, p);
    }
  }
}
