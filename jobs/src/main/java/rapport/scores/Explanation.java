package rapport.scores;

import java.time.LocalDate;
import java.util.Locale;
import rapport.stats.Estimate;
import rapport.stats.LogisticRegression;
import tech.tablesaw.api.Table;

/**
 * How the scores of one run were made: the index formulas, the fitted BG/NBD and Gamma-Gamma, the
 * retention model's weights with their 95% intervals and its backtest against the recency/frequency
 * baseline. Written to {@code scores/explain.txt}; {@code ./rapport score --explain} prints it.
 */
public record Explanation(
    LocalDate asOf,
    LocalDate backtest,
    int horizonDays,
    Indices.Cutpoints cutpoints,
    Lifetime.Fit lifetime,
    RetentionModel.Fitted model,
    RetentionModel.Fitted baseline,
    Fallback.Empirical empirical) {

  public static final String FILE = "scores/explain.txt";

  /** What stands in for the purchase model's values when no BG/NBD fit is usable. */
  static final String RUN_RATE =
      "expected_purchases and expected_value are the last year's run rate kept with the retention"
          + " probability:\n  expected_purchases = retention_probability x frequency_365d x H / 365\n"
          + "  expected_value = retention_probability x monetary_365d x H / 365 (buyers only)";

  /**
   * The text of explain.txt.
   *
   * @param modelCounts customers per score_model, in the order of the fallback chain
   */
  public String text(ScoreSettings s, java.util.Map<String, Long> modelCounts) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "rapport score: how the relationship scores as of %s were made%n"
                + "horizon H = %d days; backtest cut-off T-H = %s%n%n",
            asOf,
            horizonDays,
            backtest));
    b.append("== 1. personal_index and automated_index (0-100, kept apart) ==\n\n");
    b.append(Indices.describe(cutpoints));
    b.append("\n== 2. p_alive and expected_value (BG/NBD and Gamma-Gamma on features at T) ==\n\n");
    if (lifetime == null || lifetime.bgNbd() == null) {
      b.append(
          "no BG/NBD fit (no purchase before T, or too few purchase histories to fit one):"
              + " p_alive is empty, "
              + RUN_RATE
              + "\n");
      if (lifetime != null) {
        b.append(lifetime.bgNbdStatus().describe()).append('\n');
      }
    } else {
      b.append("x = purchase days - 1, t_x and T in weeks from the first purchase day\n");
      b.append(lifetime.bgNbd().summaryText());
      if (!lifetime.purchaseModelUsable()) {
        b.append("BG/NBD ")
            .append(lifetime.bgNbdStatus().describe())
            .append(": p_alive is empty, ")
            .append(RUN_RATE)
            .append('\n');
      } else {
        b.append('\n');
        valueModels(b, s);
      }
    }
    b.append("\n== 3. relationship_score = round(100 x retention_probability, 1) ==\n\n");
    b.append(
        "retention_probability = 1 / (1 + exp(-(intercept + sum of coef x covariate))), a"
            + " logistic regression\nof being retained over H (rapport.domain.RetentionLabels)"
            + " fitted on the features at T-H\nand applied to the features at T.\n\n");
    b.append(
        "score_model names the model each customer's retention_probability comes from: the"
            + " first usable one of\n  full_model -> rfm_baseline -> purchase_model (BG/NBD"
            + " P(alive) x P(a purchase in H | alive)) -> empirical\n"
            + "a model is not used when it is missing, did not converge, is degenerate (separation,"
            + " parameters off to 0 or infinity)\nor gives a value outside [0, 1]\n");
    modelCounts.forEach(
        (name, n) -> b.append(String.format(Locale.ROOT, "  %-16s %d customers%n", name, n)));
    b.append("\n-- full_model --\n\n");
    fitSection(b, model);
    b.append(
        "\n-- rfm_baseline: recency, frequency and monetary value only (the model must beat it)"
            + " --\n\n");
    fitSection(b, baseline);
    b.append("\n-- purchase_model --\n\n");
    b.append(
        lifetime != null && lifetime.purchaseModelUsable()
            ? "BG/NBD of section 2: P(alive) x (1 - ((alpha+T)/(alpha+T+H))^(r+x))\n"
            : "not usable: no usable BG/NBD fit (section 2)\n");
    b.append("\n-- empirical --\n\n");
    b.append(empirical.describe());
    b.append("\n== 4. flags and reasons (config section scores:) ==\n\n");
    b.append(
        String.format(
            Locale.ROOT,
            "is_masked          = no personal touch in %d days (or none) and >= %d automated"
                + " touches in 90 days%n"
                + "has_rep_dependency = one rep wrote >= %.0f%% of >= %d rep-written personal"
                + " touches, and that rep is inactive in reps or touched the customer"
                + " personally last more than %d days ago%n"
                + "reciprocity        = outbound touches answered by an inbound touch within %d"
                + " days%n"
                + "microconnections   = in-person personal touches within %d minutes of an"
                + " order%n"
                + "reason_codes       = the top three reasons, risks before strengths, by weight"
                + " then code%n",
            s.maskedLapseDays(),
            s.maskedAutomated90d(),
            s.dependencyShare() * 100,
            s.dependencyMinTouches(),
            s.repStoppedDays(),
            s.replyWindowDays(),
            s.microconnectionMinutes()));
    return b.toString();
  }

  private static void fitSection(StringBuilder b, RetentionModel.Fitted f) {
    if (f.fit() == null) {
      b.append(f.note()).append('\n');
      return;
    }
    if (!f.usable()) {
      b.append(f.note()).append('\n');
    }
    LogisticRegression.Fit fit = f.fit();
    b.append(fit.summaryText());
    b.append('\n');
    Table t = fit.summary();
    b.append(
        String.format(
            Locale.ROOT,
            "%-26s %10s %10s %10s%n",
            "odds ratio per unit",
            "exp(coef)",
            "lower 95%",
            "upper 95%"));
    for (int i = 0; i < t.rowCount(); i++) {
      Estimate e = fit.estimates().get(i);
      b.append(
          String.format(
              Locale.ROOT,
              "%-26s %10.4f %10.4f %10.4f%n",
              e.term(),
              e.ratio(),
              e.ratioLower95(),
              e.ratioUpper95()));
    }
    if (!f.dropped().isEmpty()) {
      b.append("left out before fitting: ").append(String.join("; ", f.dropped())).append('\n');
    }
    b.append(
        String.format(
            Locale.ROOT,
            "backtest: %d labelled customers (deterministic sample), %.1f%% retained, in-sample"
                + " AUC %.4f%n",
            f.trainingRows(),
            100 * f.retainedRate(),
            f.auc()));
  }

  /** Gamma-Gamma and the expected value, when the purchase model is used. */
  private void valueModels(StringBuilder b, ScoreSettings s) {
    if (lifetime.gammaGamma() == null) {
      b.append("no repeat buyer: no Gamma-Gamma fit, expected_value is empty\n");
    } else {
      b.append(lifetime.gammaGamma().summaryText()).append('\n');
    }
    if (!lifetime.byLine().isEmpty()) {
      b.append(
          "one population of spend does not fit: Gamma-Gamma per business line ("
              + s.valueGroups()
              + ", each buyer's most frequent value)\n");
      lifetime.byLine().forEach((line, f) -> b.append(f.summaryText()).append('\n'));
      b.append(
          "customers of a line without a usable fit (or with fewer than "
              + Lifetime.MIN_LINE_BUYERS
              + " repeat buyers) keep the fallback below\n");
    }
    if (!Lifetime.usable(lifetime.gammaGamma())) {
      b.append(
          "the Gamma-Gamma fit is not usable (none, not converged, or q <= 1): expected_value"
              + " uses each customer's own mean repeat spend, and the mean of those for one-time"
              + " buyers\n");
    }
    b.append(
        String.format(
            Locale.ROOT,
            "expected_purchases = BG/NBD E[purchase days in the next %d days | x, t_x, T]%n"
                + "expected_value = expected_purchases x Gamma-Gamma E[spend | x, m_x]%n",
            horizonDays));
  }
}
