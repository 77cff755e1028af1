package rapport.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.stats.BgNbd;
import rapport.stats.BgNbdFit;
import rapport.stats.CoxFit;
import rapport.stats.CoxPH;
import rapport.stats.Estimate;
import rapport.stats.GammaGamma;
import rapport.stats.KaplanMeier;
import rapport.stats.KaplanMeierFit;
import rapport.stats.Rfm;
import rapport.stats.SurvivalData;

/**
 * {@code rapport stats}: the fitters of the retention stage on an analyst's own CSV. Each
 * subcommand prints a summary and, with {@code --json FILE}, writes it as JSON. Rows with missing
 * or unparseable values in the columns used are dropped and counted ({@code dropped_rows}).
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Fit BG/NBD (with Gamma-Gamma), Cox or Kaplan-Meier models on a CSV file.",
    subcommands = {
      StatsCommand.BgNbdCommand.class,
      StatsCommand.CoxCommand.class,
      StatsCommand.KmCommand.class
    })
public final class StatsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every stats subcommand takes: where the rows are and where the JSON goes. */
  static class InputOptions {
    @Option(
        names = "--input",
        required = true,
        paramLabel = "CSV",
        description =
            "The file to read, e.g. orders.csv (comma, semicolon, tab or whitespace"
                + " separated).")
    Path input;

    @Option(
        names = "--delimiter",
        paramLabel = "auto|comma|semicolon|tab|whitespace",
        defaultValue = "auto",
        description =
            "How fields are separated (default: ${DEFAULT-VALUE}: tab if the first line"
                + " has one, else comma, else semicolon, else runs of whitespace as in CDNOW's files).")
    String delimiter;

    @Option(
        names = "--no-header",
        description =
            "The file has no header row; name columns by 1-based position, e.g."
                + " --customer 1 --date 3.")
    boolean noHeader;

    @Option(
        names = "--json",
        paramLabel = "FILE",
        description = "Also write the fit as JSON to FILE, e.g. --json fit.json.")
    Path json;

    StatsInput read() {
      StatsInput.Delimiter d;
      try {
        d = StatsInput.Delimiter.valueOf(delimiter.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw RapportException.usage(
            "--delimiter %s is not one of auto, comma, semicolon, tab, whitespace", delimiter);
      }
      return StatsInput.read(input, d, !noHeader);
    }
  }

  /** Which rows had an event: a given value, or 0/1 (false/true) when none is given. */
  static final class EventReader {
    private final String eventValue;
    private final String column;
    private final Path file;

    EventReader(String eventValue, String column, Path file) {
      this.eventValue = eventValue;
      this.column = column;
      this.file = file;
    }

    /** TRUE, FALSE, or null when the cell is missing. */
    Boolean read(String[] row, int c) {
      String s = StatsInput.cell(row, c);
      if (s == null) {
        return null;
      }
      if (eventValue != null) {
        return s.equals(eventValue) || numericallyEqual(s, eventValue);
      }
      if (s.equals("1") || s.equalsIgnoreCase("true") || numericallyEqual(s, "1")) {
        return true;
      }
      if (s.equals("0") || s.equalsIgnoreCase("false") || numericallyEqual(s, "0")) {
        return false;
      }
      throw RapportException.input(
          "event column '%s' of %s has the value '%s', not 0/1; pass --event-value with the value"
              + " that means the event (e.g. --event-value 2 for R's lung status)",
          column, file, s);
    }

    private static boolean numericallyEqual(String a, String b) {
      try {
        return Double.parseDouble(a) == Double.parseDouble(b);
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static void writeJson(Path file, ObjectNode node) {
    if (file == null) {
      return;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        java.nio.file.Files.createDirectories(parent);
      }
      JSON.writeValue(file.toFile(), node);
    } catch (IOException e) {
      throw RapportException.output(
          e, "cannot write %s: %s; check that the folder is writable", file, e.getMessage());
    }
  }

  /** A number for JSON: NaN and infinities (R's NA) become null. */
  static void put(ObjectNode node, String key, double v) {
    if (Double.isFinite(v)) {
      node.put(key, v);
    } else {
      node.putNull(key);
    }
  }

  static ArrayNode array(ObjectNode node, String key, double[] values) {
    ArrayNode a = node.putArray(key);
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
    return a;
  }

  static RapportException noRows(StatsInput in, int dropped, List<String> columns) {
    return RapportException.input(
        "no usable rows in %s: all %d rows have missing or unparseable values in %s; check the"
            + " column names and formats",
        in.file(), dropped, columns);
  }

  @Command(
      name = "bgnbd",
      mixinStandardHelpOptions = true,
      description = {
        "Fit the BG/NBD model (Fader, Hardie & Lee 2005) to a transaction log, and with --value"
            + " the Gamma-Gamma model of spend (Fader & Hardie 2013) on the repeat buyers.",
        "Purchases on the same day count once; time runs from each customer's first purchase."
      })
  static final class BgNbdCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin InputOptions in;

    @Option(
        names = "--customer",
        required = true,
        paramLabel = "COL",
        description = "The customer id column, e.g. --customer customer_id.")
    String customer;

    @Option(
        names = "--date",
        required = true,
        paramLabel = "COL",
        description = "The purchase date column, e.g. --date order_date.")
    String date;

    @Option(
        names = "--value",
        paramLabel = "COL",
        description = "The purchase value column; also fits Gamma-Gamma, e.g. --value amount.")
    String value;

    @Option(
        names = "--calibration-end",
        required = true,
        paramLabel = "DATE",
        description = "The last day (inclusive) of the calibration period, e.g. 1997-09-30.")
    LocalDate calibrationEnd;

    @Option(
        names = "--time-unit",
        paramLabel = "week|day",
        defaultValue = "week",
        description = "The unit of t_x and T (default: ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(
        names = "--date-format",
        paramLabel = "PATTERN",
        description =
            "The date pattern, e.g. yyyyMMdd (default: yyyy-MM-dd or yyyyMMdd, an ISO"
                + " date-time's date part also accepted).")
    String dateFormat;

    @Override
    public Integer call() {
      Rfm.TimeUnit unit;
      try {
        unit = Rfm.TimeUnit.valueOf(timeUnit.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw RapportException.usage("--time-unit %s is not one of week, day", timeUnit);
      }
      DateTimeFormatter pattern = null;
      if (dateFormat != null) {
        try {
          pattern = DateTimeFormatter.ofPattern(dateFormat, Locale.ROOT);
        } catch (IllegalArgumentException e) {
          throw RapportException.usage(
              "--date-format %s is not a date pattern: %s", dateFormat, e.getMessage());
        }
      }
      StatsInput input = in.read();
      int cCustomer = input.column(customer, "--customer");
      int cDate = input.column(date, "--date");
      int cValue = value == null ? -1 : input.column(value, "--value");
      Rfm.Builder b = Rfm.builder();
      int dropped = 0;
      for (String[] row : input.rows()) {
        String id = StatsInput.cell(row, cCustomer);
        LocalDate d = parseDate(StatsInput.cell(row, cDate), pattern);
        double v = cValue < 0 ? Double.NaN : StatsInput.number(row, cValue);
        if (id == null || d == null || (cValue >= 0 && Double.isNaN(v))) {
          dropped++;
          continue;
        }
        b.add(id, d, v);
      }
      List<Rfm.Customer> customers = b.summarize(calibrationEnd, unit);
      if (customers.isEmpty()) {
        if (b.customers() > 0) {
          throw RapportException.usage(
              "no customer of %s made a first purchase on or before --calibration-end %s; choose"
                  + " a later date",
              input.file(), calibrationEnd);
        }
        throw noRows(
            input,
            dropped,
            value == null ? List.of(customer, date) : List.of(customer, date, value));
      }
      String label =
          String.format(
              "%s, calibration end %s, %ss",
              input.file().getFileName(), calibrationEnd, unit.name().toLowerCase(Locale.ROOT));
      BgNbdFit fit = BgNbd.fit(label, customers);
      PrintWriter out = spec.commandLine().getOut();
      out.print(fit.summaryText());
      ObjectNode json = JSON.createObjectNode();
      json.put("model", "bgnbd");
      json.put("n_customers", customers.size());
      ObjectNode params = json.putObject("params");
      params.put("r", fit.r());
      params.put("alpha", fit.alpha());
      params.put("a", fit.a());
      params.put("b", fit.b());
      json.put("log_likelihood", fit.logLikelihood());
      if (value != null) {
        GammaGamma.Fit gg = GammaGamma.fit(label + ", repeat buyers", customers);
        out.println();
        out.print(gg.summaryText());
        ObjectNode g = json.putObject("gamma_gamma");
        ObjectNode gp = g.putObject("params");
        gp.put("p", gg.p());
        gp.put("q", gg.q());
        gp.put("gamma", gg.gamma());
        g.put("log_likelihood", gg.logLikelihood());
        g.put("n_customers", gg.customers());
      }
      json.put("dropped_rows", dropped);
      out.println();
      out.println("dropped rows (missing or unparseable values): " + dropped);
      out.flush();
      writeJson(in.json, json);
      return ExitCode.OK.code();
    }

    private static LocalDate parseDate(String s, DateTimeFormatter pattern) {
      if (s == null) {
        return null;
      }
      try {
        if (pattern != null) {
          return LocalDate.parse(s, pattern);
        }
        if (s.length() == 8 && s.chars().allMatch(Character::isDigit)) {
          return LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE);
        }
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /** The options that say which columns hold a survival outcome. */
  static class SurvivalOptions {
    @Option(
        names = "--duration",
        required = true,
        paramLabel = "COL",
        description =
            "The time to event or censoring (the stop time with --start), e.g."
                + " --duration week.")
    String duration;

    @Option(
        names = "--event",
        required = true,
        paramLabel = "COL",
        description = "The event indicator column, e.g. --event arrest (0/1 unless --event-value).")
    String event;

    @Option(
        names = "--event-value",
        paramLabel = "V",
        description =
            "The value of --event that means the event happened, e.g. --event-value 2;"
                + " every other value is censored.")
    String eventValue;
  }

  @Command(
      name = "cox",
      mixinStandardHelpOptions = true,
      description = {
        "Fit a Cox proportional hazards model by Newton-Raphson on the partial likelihood (as R's"
            + " coxph): hazard ratios with 95%% intervals, Wald p-values, concordance.",
        "With --start and --id, rows are (start, stop] intervals with time-varying covariates."
      })
  static final class CoxCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin InputOptions in;
    @Mixin SurvivalOptions survival;

    @Option(
        names = "--covariates",
        split = ",",
        paramLabel = "a,b,c",
        description = "Comma-separated numeric covariate columns, e.g. --covariates fin,age,prio.")
    List<String> covariates = new ArrayList<>();

    @Option(
        names = "--ties",
        paramLabel = "efron|breslow",
        defaultValue = "efron",
        description = "How tied event times are handled (default: ${DEFAULT-VALUE}).")
    String ties;

    @Option(
        names = "--start",
        paramLabel = "COL",
        description =
            "The interval start column for counting-process rows (needs --id), e.g."
                + " --start start.")
    String start;

    @Option(
        names = "--id",
        paramLabel = "COL",
        description =
            "The subject id column for counting-process rows (needs --start), e.g."
                + " --id customer_id.")
    String id;

    @Override
    public Integer call() {
      CoxPH.Ties t;
      try {
        t = CoxPH.Ties.valueOf(ties.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw RapportException.usage("--ties %s is not one of efron, breslow", ties);
      }
      if ((start == null) != (id == null)) {
        throw RapportException.usage(
            "--start and --id go together (counting-process rows); give both or neither");
      }
      StatsInput input = in.read();
      int cStop = input.column(survival.duration, "--duration");
      int cEvent = input.column(survival.event, "--event");
      int cStart = start == null ? -1 : input.column(start, "--start");
      int cId = id == null ? -1 : input.column(id, "--id");
      int p = covariates.size();
      int[] cCov = new int[p];
      for (int k = 0; k < p; k++) {
        cCov[k] = input.column(covariates.get(k), "--covariates");
      }
      EventReader events = new EventReader(survival.eventValue, survival.event, input.file());
      List<String[]> rows = input.rows();
      int n = rows.size();
      double[] startTimes = new double[n];
      double[] stop = new double[n];
      boolean[] event = new boolean[n];
      double[] x = new double[n * p];
      Set<String> ids = new HashSet<>();
      int kept = 0;
      int dropped = 0;
      int line = input.header().isEmpty() ? 0 : 1;
      for (String[] row : rows) {
        line++;
        double s = cStart < 0 ? Double.NEGATIVE_INFINITY : StatsInput.number(row, cStart);
        double d = StatsInput.number(row, cStop);
        Boolean e = events.read(row, cEvent);
        String subject = cId < 0 ? null : StatsInput.cell(row, cId);
        boolean missing =
            Double.isNaN(s) || Double.isNaN(d) || e == null || (cId >= 0 && subject == null);
        for (int k = 0; k < p && !missing; k++) {
          x[kept * p + k] = StatsInput.number(row, cCov[k]);
          missing = Double.isNaN(x[kept * p + k]);
        }
        if (missing) {
          dropped++;
          continue;
        }
        if (cStart >= 0 && !(s < d)) {
          throw RapportException.input(
              "line %d of %s: the interval (%s, %s] has start >= stop; each row must be a"
                  + " non-empty (start, stop] interval",
              line, input.file(), s, d);
        }
        if (cStart < 0 && d < 0) {
          throw RapportException.input(
              "line %d of %s: negative duration %s in column '%s'; durations must be >= 0",
              line, input.file(), d, survival.duration);
        }
        if (subject != null) {
          ids.add(subject);
        }
        startTimes[kept] = s;
        stop[kept] = d;
        event[kept] = e;
        kept++;
      }
      if (kept == 0) {
        throw noRows(input, dropped, List.of(survival.duration, survival.event));
      }
      SurvivalData data =
          SurvivalData.ofRowMajor(
              covariates,
              java.util.Arrays.copyOf(startTimes, kept),
              java.util.Arrays.copyOf(stop, kept),
              java.util.Arrays.copyOf(event, kept),
              null,
              java.util.Arrays.copyOf(x, kept * p));
      if (data.totalEvents() == 0) {
        throw RapportException.input(
            "no events in %s: column '%s' never marks an event%s; check --event and --event-value",
            input.file(),
            survival.event,
            survival.eventValue == null ? "" : " with value " + survival.eventValue);
      }
      String label =
          String.format(
              "%s: %s%s, %s ~ %s",
              input.file().getFileName(),
              start == null ? "" : "(" + start + ", ",
              survival.duration + (start == null ? "" : "]"),
              survival.event,
              p == 0 ? "1" : String.join(" + ", covariates));
      CoxFit fit;
      try {
        fit = CoxPH.fit(label, data, t);
      } catch (IllegalStateException e) {
        throw RapportException.input("cannot fit %s: %s", label, e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(fit.summaryText());
      out.println();
      out.println("dropped rows (missing or unparseable values): " + dropped);
      out.flush();
      ObjectNode json = JSON.createObjectNode();
      json.put("model", "cox");
      json.put("n", cId < 0 ? kept : ids.size());
      json.put("events", (long) fit.events());
      ObjectNode coefs = json.putObject("coefficients");
      for (Estimate e : fit.estimates()) {
        ObjectNode c = coefs.putObject(e.term());
        put(c, "coef", e.estimate());
        put(c, "se", e.stdError());
        put(c, "hr", e.ratio());
        put(c, "lower95", e.ratioLower95());
        put(c, "upper95", e.ratioUpper95());
        put(c, "p", e.p());
      }
      json.put("log_likelihood", fit.logLikelihood());
      put(json, "concordance", fit.concordance());
      json.put("dropped_rows", dropped);
      writeJson(in.json, json);
      return ExitCode.OK.code();
    }
  }

  @Command(
      name = "km",
      mixinStandardHelpOptions = true,
      description =
          "Kaplan-Meier survival curves with Greenwood log-scale 95%% intervals, median"
              + " and its interval (as R's survfit), at-risk counts; one curve per --group value.")
  static final class KmCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin InputOptions in;
    @Mixin SurvivalOptions survival;

    @Option(
        names = "--group",
        paramLabel = "COL",
        description = "Fit one curve per value of this column, e.g. --group touch_mix.")
    String group;

    @Override
    public Integer call() {
      StatsInput input = in.read();
      int cDuration = input.column(survival.duration, "--duration");
      int cEvent = input.column(survival.event, "--event");
      int cGroup = group == null ? -1 : input.column(group, "--group");
      EventReader events = new EventReader(survival.eventValue, survival.event, input.file());
      List<String[]> rows = input.rows();
      double[] durations = new double[rows.size()];
      boolean[] event = new boolean[rows.size()];
      String[] groups = new String[rows.size()];
      int kept = 0;
      int dropped = 0;
      for (String[] row : rows) {
        double d = StatsInput.number(row, cDuration);
        Boolean e = events.read(row, cEvent);
        String g = cGroup < 0 ? "all" : StatsInput.cell(row, cGroup);
        if (Double.isNaN(d) || e == null || g == null) {
          dropped++;
          continue;
        }
        if (d < 0) {
          throw RapportException.input(
              "negative duration %s in column '%s' of %s; durations must be >= 0",
              d, survival.duration, input.file());
        }
        durations[kept] = d;
        event[kept] = e;
        groups[kept] = g;
        kept++;
      }
      if (kept == 0) {
        throw noRows(input, dropped, List.of(survival.duration, survival.event));
      }
      String label =
          String.format(
              "%s: %s, %s%s",
              input.file().getFileName(),
              survival.duration,
              survival.event,
              survival.eventValue == null ? "" : " == " + survival.eventValue);
      Map<String, KaplanMeierFit> fits =
          KaplanMeier.fitByGroup(
              label,
              java.util.Arrays.copyOf(durations, kept),
              java.util.Arrays.copyOf(event, kept),
              java.util.Arrays.copyOf(groups, kept),
              null);
      PrintWriter out = spec.commandLine().getOut();
      out.println("<rapport.stats.KaplanMeier: " + label + ">");
      out.println(
          String.format(
              Locale.ROOT,
              "%-20s %8s %8s %10s %10s %10s",
              "group",
              "n",
              "events",
              "median",
              "0.95LCL",
              "0.95UCL"));
      ObjectNode json = JSON.createObjectNode();
      json.put("model", "kaplan_meier");
      ObjectNode groupsNode = json.putObject("groups");
      for (Map.Entry<String, KaplanMeierFit> e : new LinkedHashMap<>(fits).entrySet()) {
        KaplanMeierFit f = e.getValue();
        out.println(
            String.format(
                Locale.ROOT,
                "%-20s %8.0f %8.0f %10s %10s %10s",
                e.getKey(),
                f.n(),
                f.events(),
                na(f.median()),
                na(f.medianLower()),
                na(f.medianUpper())));
        ObjectNode g = groupsNode.putObject(e.getKey());
        g.put("n", (long) f.n());
        put(g, "median", f.median());
        put(g, "median_lower95", f.medianLower());
        put(g, "median_upper95", f.medianUpper());
        array(g, "times", f.times());
        array(g, "survival", f.survival());
        array(g, "lower95", f.lower());
        array(g, "upper95", f.upper());
        array(g, "at_risk", f.atRisk());
      }
      json.put("dropped_rows", dropped);
      out.println();
      out.println("dropped rows (missing or unparseable values): " + dropped);
      out.flush();
      writeJson(in.json, json);
      return ExitCode.OK.code();
    }

    private static String na(double v) {
      return Double.isNaN(v)
          ? "NA"
          : String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
    }
  }
}
