package rapport.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import rapport.report.Findings.Backtest;
import rapport.report.Findings.Hazard;
import rapport.report.Findings.MixRetention;
import rapport.report.Findings.OutreachTotals;
import rapport.report.Findings.QualityTotals;
import rapport.report.Findings.TouchTrend;
import rapport.report.ReportData.ScoreSummary;
import rapport.schema.RetentionTables;
import rapport.schema.Scores;
import rapport.stats.WilsonInterval;

/**
 * The findings in plain words: the headline sentences and each chart's title. Every sentence states
 * its n and its interval where it has one.
 */
final class Words {
  private final Findings f;

  Words(Findings f) {
    this.f = f;
  }

  /** The headline findings, most important first; an absent input gives no sentence. */
  List<String> headlines() {
    List<String> out = new ArrayList<>();
    retention().ifPresent(out::add);
    Optional<String> dropout = dropout(Scores.PERSONAL_TOUCHES_90D, "personal touch");
    if (dropout.isPresent()) {
      // purchase businesses: the headline effects come from the dropout model, not the Cox model
      out.add(dropout.get());
      dropout(RetentionTables.OUTREACH_AUTOMATED_TOUCHES_90D, "automated outreach touch")
          .ifPresent(out::add);
    } else {
      hazard(Scores.PERSONAL_TOUCHES_90D, "personal").ifPresent(out::add);
      hazard(Scores.AUTOMATED_TOUCHES_90D, "automated").ifPresent(out::add);
    }
    touches().ifPresent(out::add);
    scores().ifPresent(out::add);
    outreach().ifPresent(out::add);
    backtest().ifPresent(out::add);
    quality().ifPresent(out::add);
    return out;
  }

  Optional<String> retention() {
    int h = f.data().facts().horizonDays();
    return f.mixRetention()
        .map(
            m -> {
              String s =
                  "Customers with a personal touch "
                      + Labels.retainedVerb(f.data().contractBased())
                      + " over the next "
                      + h
                      + " days at "
                      + rate(m.personal())
                      + " against "
                      + rate(m.automatedOnly())
                      + " for automated-only customers";
              if (m.none() != null) {
                s += " and " + rate(m.none()) + " for customers with no touch";
              }
              return s + ".";
            });
  }

  private static String rate(WilsonInterval w) {
    return Fmt.pct(w.estimate())
        + " (95% CI "
        + Fmt.pctRange(w.lower(), w.upper())
        + ", n = "
        + Fmt.count(Math.round(w.n()))
        + ")";
  }

  Optional<String> hazard(String term, String kind) {
    return f.hazard(term)
        .map(
            h ->
                "Adjusted for recency, frequency, spend and tenure, each "
                    + kind
                    + " touch in the last 90 days goes with "
                    + effect(h)
                    + ": hazard ratio "
                    + Fmt.ratio(h.hr())
                    + " (95% CI "
                    + Fmt.ratioRange(h.lower(), h.upper())
                    + (h.n() == null ? "" : ", n = " + Fmt.count(h.n()))
                    + ").");
  }

  /**
   * A touch effect on the unobserved dropout, from the dropout model the report quotes ({@link
   * Findings#dropoutHazard}): its number, its interval, which model and why, and that it is
   * observational.
   */
  Optional<String> dropout(String term, String what) {
    return f.dropoutHazard(term)
        .map(
            h -> {
              boolean continuous = h.model().equals(RetentionTables.DROPOUT_CONTINUOUS);
              String model =
                  continuous
                      ? "continuous-time dropout model, whose risk of leaving follows the touches"
                          + " day by day"
                      : "dropout model, a BG/NBD whose dropout follows the touches at each purchase"
                          + (f.continuousDropoutUnusable()
                              ? "; the continuous-time model's fit was not usable"
                              : "");
              return "Among customers who came through the same channel, each "
                  + what
                  + (continuous
                      ? " in the last 90 days goes with " + effect(h, "leaving")
                      : " in the 90 days before a purchase goes with "
                          + effect(h, "leaving after it"))
                  + ": hazard ratio "
                  + Fmt.ratio(h.hr())
                  + " (95% CI "
                  + Fmt.ratioRange(h.lower(), h.upper())
                  + (h.n() == null ? "" : ", n = " + Fmt.count(h.n()))
                  + "; "
                  + model
                  + ")."
                  + " Observational: an association, not a measured effect; the outreach"
                  + " holdout measures that.";
            });
  }

  static String effect(Hazard h) {
    return effect(h, "lapsing");
  }

  /** "a 39% lower risk of lapsing", or "no clear change" when the interval holds 1. */
  static String effect(Hazard h, String event) {
    if (h.lower() <= 1 && h.upper() >= 1) {
      return "no clear change in the risk of " + event + " (the interval includes 1)";
    }
    double change = Math.abs(1 - h.hr());
    return String.format(
        Locale.ROOT,
        "a %.0f%% %s risk of %s",
        100 * change,
        h.hr() < 1 ? "lower" : "higher",
        event);
  }

  Optional<String> touches() {
    return f.touchTrend()
        .map(
            t -> {
              String s =
                  "In the last three months ("
                      + Fmt.month(t.recent().get(0).month())
                      + " to "
                      + Fmt.month(t.recent().get(2).month())
                      + "), "
                      + Fmt.count(t.personal())
                      + " outbound touches were personal and "
                      + Fmt.count(t.automated())
                      + " automated: "
                      + oneIn(t)
                      + " was personal";
              if (t.personalYearAgo() != null && t.personalYearAgo() > 0) {
                s += "; personal touches are " + trend(t) + " on the same months a year earlier";
              }
              return s + ".";
            });
  }

  private static String oneIn(TouchTrend t) {
    double share = t.personalShare();
    if (Double.isNaN(share) || share == 0) {
      return "none";
    }
    if (share >= 0.5) {
      return Fmt.pct(share);
    }
    return "1 in " + Math.round(1 / share);
  }

  private static String trend(TouchTrend t) {
    double change = (double) t.personal() / t.personalYearAgo() - 1;
    if (Math.abs(change) < 0.005) {
      return "level";
    }
    return (change > 0 ? "up " : "down ") + Fmt.pct(Math.abs(change));
  }

  Optional<String> scores() {
    return f.scores()
        .map(
            s ->
                String.format(
                        Locale.ROOT,
                        "The mean relationship score is %.0f of 100 (n = %s); %s of customers"
                            + " score below 40. ",
                        s.meanScore(),
                        Fmt.count(s.n()),
                        Fmt.pct((double) s.below(40) / s.n()))
                    + Fmt.pct((double) s.masked() / s.n())
                    + " are masked (automated touches make them look engaged while personal"
                    + " contact has lapsed) and "
                    + Fmt.pct((double) s.repDependent() / s.n())
                    + " depend on a single person.");
  }

  Optional<String> outreach() {
    return f.outreach()
        .map(
            o -> {
              String s =
                  "This week: "
                      + Fmt.count(o.customers())
                      + " customers to contact across "
                      + o.reps()
                      + (o.reps() == 1 ? " rep" : " reps");
              if (o.repsWithCapacity() == o.reps() && o.capacity() > 0) {
                s +=
                    " ("
                        + Fmt.pct((double) o.customers() / o.capacity())
                        + " of their weekly capacity of "
                        + Fmt.count(o.capacity())
                        + ")";
              }
              s +=
                  ", keeping an expected "
                      + Fmt.money(o.valueKept(), f.currency())
                      + " of the "
                      + Fmt.money(o.valueAtRisk(), f.currency())
                      + " at risk.";
              Optional<Long> holdout = f.data().holdout();
              if (holdout.isPresent()) {
                s +=
                    " "
                        + Fmt.count(holdout.get())
                        + " eligible customers are held out at random, so that the next run"
                        + " measures what the contact really changes.";
              }
              return s;
            });
  }

  Optional<String> backtest() {
    return f.backtest()
        .map(
            b -> {
              List<String> parts = new ArrayList<>();
              if (b.auc() != null) {
                parts.add("AUC " + Fmt.ratio(b.auc()) + " (0.5 is chance, 1 is perfect)");
              }
              if (b.brier() != null) {
                parts.add(String.format(Locale.ROOT, "Brier score %.3f", b.brier()));
              }
              if (b.lift() != null) {
                parts.add("top-decile lift " + Fmt.ratio(b.lift()));
              }
              return "The retention model, trained "
                  + f.data().facts().horizonDays()
                  + " days before the as-of date and checked against what happened since, scores "
                  + String.join(", ", parts)
                  + (b.n() == null ? "" : " on " + Fmt.count(b.n()) + " customers")
                  + ".";
            });
  }

  Optional<String> quality() {
    return f.quality()
        .map(
            q ->
                Fmt.count(q.read())
                    + " input rows read; "
                    + Fmt.pct1(q.share())
                    + " ("
                    + Fmt.count(q.quarantined())
                    + " rows) quarantined with a reason; "
                    + (q.overTolerance().isEmpty()
                        ? "every input is within its tolerance."
                        : q.overTolerance().size() + " input(s) above tolerance."));
  }

  // Chart titles: the finding in a few words.

  String mixTitle(MixRetention m) {
    return Fmt.pct(m.personal().estimate())
        + " "
        + Labels.retainedVerb(f.data().contractBased())
        + " with a personal touch, "
        + Fmt.pct(m.automatedOnly().estimate())
        + " with automated touches only";
  }

  String forestTitle(Hazard h) {
    if (h.lower() <= 1 && h.upper() >= 1) {
      return "Personal touches show no clear link to lapsing (HR "
          + Fmt.ratio(h.hr())
          + ", "
          + Fmt.ratioRange(h.lower(), h.upper())
          + ")";
    }
    return "Each personal touch in the last 90 days: "
        + effect(h)
        + " (HR "
        + Fmt.ratio(h.hr())
        + ", "
        + Fmt.ratioRange(h.lower(), h.upper())
        + ")";
  }

  String touchesTitle(TouchTrend t) {
    String s = oneIn(t) + " outbound touches " + (t.personalShare() >= 0.5 ? "are" : "is");
    s = Character.toUpperCase(s.charAt(0)) + s.substring(1) + " personal";
    if (t.personalYearAgo() != null && t.personalYearAgo() > 0) {
      s += "; personal touches " + trend(t) + " on a year earlier";
    }
    return s;
  }

  String scoresTitle(ScoreSummary s) {
    return Fmt.pct((double) s.below(40) / s.n())
        + " of customers have a weak relationship (score below 40); "
        + Fmt.pct((double) s.masked() / s.n())
        + " are masked by automation";
  }

  String calibrationTitle(double worstGap, Backtest b) {
    String auc = b == null || b.auc() == null ? "" : " (AUC " + Fmt.ratio(b.auc()) + ")";
    if (worstGap <= 0.05) {
      return "Backtest: predicted and observed retention agree within "
          + Math.max(1, Math.round(100 * worstGap))
          + " points"
          + auc;
    }
    return "Backtest: predictions miss by up to "
        + Math.round(100 * worstGap)
        + " points in some bands"
        + auc;
  }

  String outreachTitle(OutreachTotals o) {
    return "This week: "
        + Fmt.count(o.customers())
        + " customers across "
        + o.reps()
        + " reps keep an expected "
        + Fmt.money(o.valueKept(), f.currency());
  }

  String qualityTitle(QualityTotals q) {
    return Fmt.pct1(q.share())
        + " of "
        + Fmt.count(q.read())
        + " input rows quarantined; "
        + (q.overTolerance().isEmpty()
            ? "every input within tolerance"
            : q.overTolerance().size() + " input(s) above tolerance");
  }
}
