package rapport.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import rapport.report.Findings.Backtest;
import rapport.report.ReportData.InputFacts;
import rapport.report.ReportData.InputQuality;
import rapport.report.ReportData.RepOutreach;
import rapport.report.ReportData.RunFacts;
import rapport.report.ReportData.Segment;
import rapport.report.ReportDocument.Block;
import rapport.report.ReportDocument.Bullets;
import rapport.report.ReportDocument.Figure;
import rapport.report.ReportDocument.Lead;
import rapport.report.ReportDocument.Paragraph;
import rapport.report.ReportDocument.Section;
import rapport.report.ReportDocument.Table;
import rapport.schema.ReportInputs;

/** Builds the report's document: what it says, in which order. */
final class ReportContent {
  private ReportContent() {}

  /**
   * @param previous the findings of the previous run, if there is one
   * @param charts the charts by name, those that could be drawn
   */
  static ReportDocument build(
      Findings f, Words w, Optional<Findings> previous, Map<String, Chart> charts) {
    ReportData d = f.data();
    List<Section> sections = new ArrayList<>();
    sections.add(headlines(f, w));
    sections.add(change(f, previous));
    sections.add(outreach(f, w, charts));
    sections.add(retention(f, charts));
    sections.add(touches(f, charts));
    sections.add(value(f, charts));
    sections.add(modelQuality(f, charts));
    sections.add(quality(f, charts));
    sections.add(method(f));
    sections.add(run(d.facts()));
    String subtitle =
        "As of "
            + d.facts().asOf()
            + " · "
            + Fmt.count(d.customers())
            + " customers · retention horizon "
            + d.facts().horizonDays()
            + " days";
    return new ReportDocument("Customer relationships: executive report", subtitle, sections);
  }

  private static Section headlines(Findings f, Words w) {
    List<Block> b = new ArrayList<>();
    List<String> lines = w.headlines();
    if (lines.isEmpty()) {
      b.add(new Paragraph("No findings: none of the analysis stages has run for this date."));
    } else {
      b.add(new Lead(lines));
    }
    if (!f.data().missing().isEmpty()) {
      b.add(
          new Paragraph(
              "Not available in this run: "
                  + f.data().missing().stream()
                      .map(m -> m.substring(0, m.indexOf(':')))
                      .collect(Collectors.joining("; "))
                  + ". See the method notes."));
    }
    return new Section("headlines", "Headline findings", b);
  }

  private static Section change(Findings f, Optional<Findings> previous) {
    List<Block> b = new ArrayList<>();
    if (previous.isEmpty()) {
      b.add(
          new Paragraph(
              "No earlier complete run under this output folder: this is the first report, so"
                  + " there is nothing to compare with yet."));
    } else {
      Findings p = previous.get();
      b.add(
          new Paragraph(
              "Compared with the run as of "
                  + p.data().facts().asOf()
                  + " (run "
                  + p.data().facts().runId()
                  + ")."));
      List<List<String>> rows = Figures.changes(Figures.of(f), Figures.of(p), f.currency());
      b.add(
          new Table(
              List.of("Figure", "As of " + p.data().facts().asOf(), "Now", "Change"),
              rows,
              List.of(false, true, true, true)));
    }
    return new Section("change", "Change since the previous run", b);
  }

  private static Section outreach(Findings f, Words w, Map<String, Chart> charts) {
    List<Block> b = new ArrayList<>();
    Optional<String> sentence = w.outreach();
    if (sentence.isEmpty()) {
      b.add(new Paragraph(notAvailable(f, "outreach this week")));
      return new Section("outreach", "What to do this week", b);
    }
    b.add(new Paragraph(sentence.get()));
    figure(b, charts, OperationsCharts.OUTREACH);
    List<List<String>> rows = new ArrayList<>();
    String cur = f.currency();
    for (RepOutreach r : f.data().outreach()) {
      rows.add(
          List.of(
              r.repId(),
              r.team() == null ? "" : r.team(),
              Fmt.count(r.customers()),
              r.capacity() == null ? "" : Fmt.count(r.capacity()),
              r.capacity() == null || r.capacity() == 0
                  ? ""
                  : Fmt.pct((double) r.customers() / r.capacity()),
              Fmt.count(r.handoffs()),
              Fmt.money(r.valueAtRisk(), ""),
              Fmt.money(r.valueKept(), ""),
              Fmt.dateRange(r.firstDue(), r.lastDue())));
    }
    b.add(
        new Table(
            List.of(
                "Rep",
                "Team",
                "Customers",
                "Capacity",
                "Used",
                "Handoffs",
                "Value at risk" + (cur.isEmpty() ? "" : " (" + cur + ")"),
                "Value kept" + (cur.isEmpty() ? "" : " (" + cur + ")"),
                "Due"),
            rows,
            List.of(false, false, true, true, true, true, true, true, false)));
    b.add(
        new Paragraph(
            "The lists themselves (who, why, what to talk about) are in outreach/ for the CRM;"
                + " this report shows totals only."));
    return new Section("outreach", "What to do this week", b);
  }

  private static Section retention(Findings f, Map<String, Chart> charts) {
    List<Block> b = new ArrayList<>();
    if (f.data().segments().isEmpty() && f.data().curves().isEmpty() && f.coxModel().isEmpty()) {
      b.add(
          new Paragraph(
              notAvailable(f, "retention by touch mix", "hazard ratios and model quality")));
      return new Section("retention", "Retention and the personal touch", b);
    }
    figure(b, charts, RetentionCharts.MIX);
    List<Segment> mix = f.segments(ReportInputs.TOUCH_MIX);
    if (!mix.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      List<Segment> ordered = new ArrayList<>(mix);
      ordered.sort(
          java.util.Comparator.comparingInt(
              (Segment s) -> {
                int i = Labels.MIX_ORDER.indexOf(s.segment());
                return i < 0 ? Integer.MAX_VALUE : i;
              }));
      for (Segment s : ordered) {
        if (s.n() == 0) {
          rows.add(List.of(Labels.segment(s.segment()), "0", "", NO_CUSTOMERS, "", ""));
          continue;
        }
        rows.add(
            List.of(
                Labels.segment(s.segment()),
                Fmt.count(s.n()),
                Fmt.count(s.retained()),
                Fmt.pct(s.rate()),
                Fmt.pctRange(s.lower95(), s.upper95()),
                s.kmMedianDays() == null ? "not reached" : Fmt.days(s.kmMedianDays())));
      }
      b.add(
          new Table(
              List.of(
                  "Touch mix",
                  "Customers",
                  Labels.retained(f.data().contractBased()),
                  "Rate",
                  "95% CI",
                  f.data().contractBased()
                      ? "Median time to contract end"
                      : "Median days to next order"),
              rows,
              List.of(false, true, true, true, true, true)));
    }
    figure(b, charts, RetentionCharts.SURVIVAL);
    figure(b, charts, RetentionCharts.SURVIVAL_BANDS);
    if (!charts.containsKey(RetentionCharts.SURVIVAL_BANDS)
        && f.personalIndexUninformative()
        && !f.segments(ReportInputs.PERSONAL_INDEX_BAND).isEmpty()) {
      b.add(
          new Paragraph(
              "No chart by personal-index band: no customer followed here had a personal touch"
                  + " before the cut-off, so all are in one band and the chart would only repeat"
                  + " the touch-mix curve."));
    }
    figure(b, charts, RetentionCharts.FOREST);
    f.coxModel()
        .filter(m -> !f.converged(m))
        .ifPresent(
            m ->
                b.add(
                    new Paragraph(
                        "The Cox model ("
                            + m
                            + ") did not converge, so its hazard ratios are not shown: they"
                            + " would not be estimates.")));
    return new Section("retention", "Retention and the personal touch", b);
  }

  private static Section touches(Findings f, Map<String, Chart> charts) {
    List<Block> b = new ArrayList<>();
    if (!charts.containsKey(OperationsCharts.TOUCHES)
        && !charts.containsKey(OperationsCharts.SCORES)) {
      b.add(new Paragraph(notAvailable(f, "touches per month", "relationship scores")));
    }
    figure(b, charts, OperationsCharts.TOUCHES);
    figure(b, charts, OperationsCharts.SCORES);
    return new Section("relationships", "Touches and relationships", b);
  }

  /** What a segment with no customer says instead of a rate. */
  static final String NO_CUSTOMERS = "no customers in this segment";

  /**
   * Customer value from the purchase models: BG/NBD's parameters, the P(alive) distribution and the
   * expected value at risk. A model that did not converge is named, never shown as numbers.
   */
  private static Section value(Findings f, Map<String, Chart> charts) {
    List<Block> b = new ArrayList<>();
    String cur = f.currency();
    f.customerValue()
        .ifPresent(
            v ->
                b.add(
                    new Paragraph(
                        "Over the next "
                            + f.data().facts().horizonDays()
                            + " days the "
                            + Fmt.count(v.n())
                            + " customers are expected to bring "
                            + Fmt.money(v.expectedValue(), cur)
                            + "; "
                            + Fmt.money(v.expectedValueAtRisk(), cur)
                            + " of it is at risk (the expected value of customers weighted by"
                            + " their chance of lapsing). "
                            + Fmt.count(v.likelyGone())
                            + " customers ("
                            + Fmt.pct((double) v.likelyGone() / v.n())
                            + ") are more likely gone than still buying.")));
    figure(b, charts, ValueCharts.P_ALIVE);
    Optional<List<Findings.Parameter>> bg = f.bgnbd();
    if (bg.isPresent()) {
      List<List<String>> rows = new ArrayList<>();
      for (Findings.Parameter p : bg.get()) {
        rows.add(
            List.of(
                p.name(),
                String.format(Locale.ROOT, "%.4g", p.estimate()),
                p.stdError() == null ? "n/a" : String.format(Locale.ROOT, "%.3g", p.stdError())));
      }
      b.add(
          new Paragraph(
              "BG/NBD purchase model (Fader, Hardie and Lee 2005): r and alpha shape how often"
                  + " customers buy, a and b how likely they are to stop after a purchase."));
      b.add(
          new Table(
              List.of("Parameter", "Estimate", "Std. error"), rows, List.of(false, true, true)));
    }
    for (String m : List.of(Findings.BGNBD, Findings.GAMMA_GAMMA)) {
      if (!f.converged(m)) {
        b.add(
            new Paragraph(
                (m.equals(Findings.BGNBD)
                        ? "The BG/NBD purchase model"
                        : "The Gamma-Gamma spend model")
                    + " did not converge on this data, so its parameters are not shown"
                    + (m.equals(Findings.GAMMA_GAMMA)
                        ? "; expected values then rest on each customer's own mean spend."
                        : ".")));
      }
    }
    if (b.isEmpty()) {
      b.add(new Paragraph(notAvailable(f, "customer value")));
    }
    return new Section("value", "Customer value", b);
  }

  /**
   * "Not available: " and the reasons that {@link ReportData#missing} gives for the named items, as
   * one sentence.
   */
  private static String notAvailable(Findings f, String... items) {
    List<String> reasons = new ArrayList<>();
    for (String item : items) {
      for (String m : f.data().missing()) {
        if (m.startsWith(item + ":")) {
          reasons.add(m);
        }
      }
    }
    return "Not available: "
        + (reasons.isEmpty() ? "nothing to show for this date" : String.join("; ", reasons))
        + ".";
  }

  private static Section modelQuality(Findings f, Map<String, Chart> charts) {
    List<Block> b = new ArrayList<>();
    Optional<Backtest> bt = f.backtest();
    if (bt.isEmpty() && !charts.containsKey(RetentionCharts.CALIBRATION)) {
      b.add(new Paragraph("Not available: no backtest of the retention model in this run."));
      return new Section("model", "How far to trust the predictions", b);
    }
    figure(b, charts, RetentionCharts.CALIBRATION);
    bt.ifPresent(
        x -> {
          List<List<String>> rows = new ArrayList<>();
          if (x.auc() != null) {
            rows.add(List.of("AUC", Fmt.ratio(x.auc()), "0.5 is chance, 1 is a perfect ranking"));
          }
          if (x.brier() != null) {
            rows.add(
                List.of(
                    "Brier score",
                    String.format(Locale.ROOT, "%.3f", x.brier()),
                    "mean squared error of the predicted probability; lower is better"));
          }
          if (x.lift() != null) {
            rows.add(
                List.of(
                    "Top-decile lift",
                    Fmt.ratio(x.lift()),
                    "retention in the tenth rated most likely to stay, over the average"));
          }
          b.add(
              new Table(List.of("Measure", "Value", "Meaning"), rows, List.of(false, true, false)));
        });
    return new Section("model", "How far to trust the predictions", b);
  }

  private static Section quality(Findings f, Map<String, Chart> charts) {
    List<Block> b = new ArrayList<>();
    if (f.data().quality().isEmpty()) {
      b.add(new Paragraph("Not available: no quality/report.json in this run."));
      return new Section("quality", "Data quality", b);
    }
    figure(b, charts, OperationsCharts.QUALITY);
    List<List<String>> rows = new ArrayList<>();
    for (InputQuality q : f.data().quality()) {
      rows.add(
          List.of(
              q.input(),
              q.rowsRead() == 0 && q.note() != null ? "derived" : Fmt.count(q.rowsRead()),
              Fmt.count(q.rowsValid()),
              Fmt.count(q.rowsQuarantined()),
              Fmt.pct1(q.badShare()),
              topReasons(q.quarantinedByReason()),
              q.withinTolerance() ? "yes" : "NO"));
    }
    b.add(
        new Table(
            List.of(
                "Input",
                "Read",
                "Valid",
                "Quarantined",
                "Share",
                "Top reasons",
                "Within tolerance"),
            rows,
            List.of(false, true, true, true, true, false, false)));
    for (InputQuality q : f.data().quality()) {
      if (q.note() != null) {
        b.add(new Paragraph(q.input() + ": " + q.note() + "."));
      }
    }
    return new Section("quality", "Data quality", b);
  }

  private static String topReasons(Map<String, Long> reasons) {
    List<Map.Entry<String, Long>> e = new ArrayList<>(reasons.entrySet());
    e.sort(
        Map.Entry.<String, Long>comparingByValue(Collections.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    return e.stream()
        .limit(3)
        .map(
            x ->
                x.getKey().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " "
                    + Fmt.count(x.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static Section method(Findings f) {
    int h = f.data().facts().horizonDays();
    List<String> notes = new ArrayList<>();
    notes.add(
        "Observational, not causal. Customers who get personal touches differ from those who do"
            + " not (they may be better customers to begin with); the models adjust for recency,"
            + " frequency, spend and tenure, but not for everything. The random holdout of each"
            + " outreach list measures the real effect of a personal touch: compare contacted and"
            + " held-out customers with ./rapport measure once the outcome is known.");
    notes.add(
        (f.data().contractBased()
                ? "Still under contract: the contract was not closed within the "
                    + h
                    + " days after the cut-off."
                : "Kept buying: the customer ordered again within the "
                    + h
                    + " days after the cut-off.")
            + " Every figure uses only events before its cut-off date.");
    notes.add(
        "Touches: every outbound interaction is classified as personal (a person engaged with"
            + " this customer: answered calls, visits, messages written for them) or automated"
            + " (templates, campaigns, rule-triggered and bulk messages), from template"
            + " fingerprints, fan-out, author, channel, outcome, duration and the specificity of"
            + " the text.");
    notes.add(
        "Intervals are 95%: Wilson intervals for retention rates, Greenwood intervals for"
            + " Kaplan–Meier curves, Wald intervals for Cox hazard ratios. A hazard ratio below 1"
            + " means a lower risk of lapsing per unit; an interval that includes 1 shows no clear"
            + " link.");
    notes.add(
        "Relationship score: 0–100, calibrated to the probability of being retained over the"
            + " horizon; masked means automated touches make a customer look engaged while"
            + " personal contact has lapsed.");
    notes.add(
        "Aggregates only: this report holds no names, e-mail addresses, phone numbers or"
            + " customer ids.");
    List<Block> b = new ArrayList<>();
    b.add(new Bullets(notes));
    if (!f.data().missing().isEmpty()) {
      b.add(new Paragraph("What was not available in this run:"));
      b.add(new Bullets(f.data().missing()));
    }
    return new Section("method", "Method notes and caveats", b);
  }

  private static Section run(RunFacts r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("As-of date", r.asOf().toString()));
    rows.add(List.of("Run id", r.runId()));
    rows.add(
        List.of("Configuration", r.configFile() + " (sha256 " + shortSha(r.configSha256()) + ")"));
    rows.add(List.of("Code version", r.codeVersion()));
    rows.add(List.of("Time zone", r.timeZone()));
    rows.add(List.of("Retention horizon", r.horizonDays() + " days"));
    rows.add(List.of("Spark", r.sparkVersion()));
    List<Block> b = new ArrayList<>();
    b.add(new Table(List.of("", ""), rows, List.of(false, false)));
    if (!r.inputs().isEmpty()) {
      List<List<String>> inputs = new ArrayList<>();
      for (InputFacts i : r.inputs()) {
        inputs.add(
            List.of(
                i.name(),
                i.format(),
                Fmt.count(i.files()),
                Fmt.count(i.rowsRead()),
                shortSha(i.sha256())));
      }
      b.add(
          new Table(
              List.of("Input", "Format", "Files", "Rows read", "sha256"),
              inputs,
              List.of(false, false, true, true, false)));
    }
    b.add(
        new Paragraph(
            "The same inputs and configuration give the same report, byte for byte; manifest.json"
                + " in the run folder lists every output with its sha256."));
    return new Section("run", "Run", b);
  }

  private static String shortSha(String sha) {
    return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12);
  }

  private static void figure(List<Block> b, Map<String, Chart> charts, String name) {
    Chart c = charts.get(name);
    if (c != null) {
      b.add(new Figure(c));
    }
  }
}
