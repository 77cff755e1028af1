package rapport.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rapport.schema.Scores;

/** The key figures of a run, by key, so that two runs can be compared figure by figure. */
final class Figures {
  private Figures() {}

  enum Kind {
    COUNT,
    SHARE,
    RATIO,
    MONEY,
    SCORE
  }

  record Figure(String label, double value, Kind kind) {
    String show(String currency) {
      return switch (kind) {
        case COUNT -> Fmt.count(Math.round(value));
        case SHARE -> Fmt.pct1(value);
        case RATIO -> Fmt.ratio(value);
        case MONEY -> Fmt.money(value, currency);
        case SCORE -> String.format(java.util.Locale.ROOT, "%.1f", value);
      };
    }

    String change(double previous, String currency) {
      double d = value - previous;
      return switch (kind) {
        case COUNT -> Fmt.signedCount(Math.round(value) - Math.round(previous));
        case SHARE -> Fmt.points(d);
        case RATIO -> Fmt.signedRatio(d);
        case MONEY -> (d >= 0 ? "+" : "−") + Fmt.money(Math.abs(d), currency);
        case SCORE -> String.format(java.util.Locale.ROOT, "%+.1f", d);
      };
    }
  }

  static Map<String, Figure> of(Findings f) {
    Map<String, Figure> m = new LinkedHashMap<>();
    if (f.data().customers() > 0) {
      m.put("customers", new Figure("Customers", f.data().customers(), Kind.COUNT));
    }
    f.mixRetention()
        .ifPresent(
            x -> {
              m.put(
                  "retention_personal",
                  new Figure(
                      Labels.retained(f.data().contractBased()) + ", with a personal touch",
                      x.personal().estimate(),
                      Kind.SHARE));
              m.put(
                  "retention_automated",
                  new Figure(
                      Labels.retained(f.data().contractBased()) + ", automated touches only",
                      x.automatedOnly().estimate(),
                      Kind.SHARE));
            });
    f.dropoutHazard(Scores.PERSONAL_TOUCHES_90D)
        .or(() -> f.hazard(Scores.PERSONAL_TOUCHES_90D))
        .ifPresent(
            h ->
                m.put(
                    "hr_personal",
                    new Figure("Hazard ratio per personal touch (90 days)", h.hr(), Kind.RATIO)));
    f.backtest()
        .ifPresent(
            b -> {
              if (b.auc() != null) {
                m.put("auc", new Figure("Backtest AUC", b.auc(), Kind.RATIO));
              }
            });
    f.touchTrend()
        .ifPresent(
            t -> {
              m.put(
                  "personal_touches_3m",
                  new Figure("Personal touches, last 3 months", t.personal(), Kind.COUNT));
              m.put(
                  "automated_touches_3m",
                  new Figure("Automated touches, last 3 months", t.automated(), Kind.COUNT));
            });
    f.scores()
        .ifPresent(
            s -> {
              m.put("mean_score", new Figure("Mean relationship score", s.meanScore(), Kind.SCORE));
              m.put(
                  "weak_share",
                  new Figure(
                      "Customers with a weak relationship (below 40)",
                      (double) s.below(40) / s.n(),
                      Kind.SHARE));
              m.put(
                  "masked_share",
                  new Figure(
                      "Customers masked by automation", (double) s.masked() / s.n(), Kind.SHARE));
            });
    f.outreach()
        .ifPresent(
            o -> {
              m.put(
                  "outreach_customers",
                  new Figure("Customers to contact this week", o.customers(), Kind.COUNT));
              m.put(
                  "outreach_value_kept",
                  new Figure("Expected value kept by this week's list", o.valueKept(), Kind.MONEY));
            });
    f.quality()
        .ifPresent(
            q ->
                m.put(
                    "quarantined_share",
                    new Figure("Input rows quarantined", q.share(), Kind.SHARE)));
    return m;
  }

  /** A row of the change table: label, previous, now, change. */
  static List<List<String>> changes(
      Map<String, Figure> now, Map<String, Figure> before, String currency) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Figure> e : now.entrySet()) {
      Figure n = e.getValue();
      Figure p = before.get(e.getKey());
      rows.add(
          List.of(
              n.label(),
              p == null ? "not available" : p.show(currency),
              n.show(currency),
              p == null ? "" : n.change(p.value(), currency)));
    }
    return rows;
  }
}
