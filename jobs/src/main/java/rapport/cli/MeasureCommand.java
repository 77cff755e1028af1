package rapport.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rapport.domain.RetentionLabels;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.outreach.HoldoutReadout;
import rapport.run.Manifest;
import rapport.run.RunFolder;
import rapport.run.RunLayout;
import rapport.schema.Outreach;
import rapport.schema.Schemas;
import rapport.spark.SparkSessions;

/**
 * {@code rapport measure --run RUN_DIR --after RUN_DIR}: the holdout readout. Retention over the
 * horizon from the earlier run's as-of date, read from the later run's customers and orders, of the
 * rows sent to reps against the random holdout.
 */
@Command(
    name = "measure",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Compare the retention of customers sent to reps with the random holdout of an earlier"
            + " run, once a later run's data covers the horizon.")
public final class MeasureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "RUN_DIR",
      description = "The run whose lists are measured, e.g. out/2026-06-30.")
  Path run;

  @Option(
      names = "--after",
      required = true,
      paramLabel = "RUN_DIR",
      description = "A later run whose customers and orders show the outcome, e.g. out/2027-01-05.")
  Path after;

  @Option(
      names = "--horizon-days",
      paramLabel = "N",
      description = "The outcome window in days (default: the measured run's horizon_days).")
  Integer horizonDays;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the readout as JSON.")
  Path json;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: local[*] in this process).")
  String master;

  @Mixin CommonOptions common = new CommonOptions();

  @Override
  public Integer call() {
    Path run = requireRun(this.run, "--run");
    Path after = requireRun(this.after, "--after");
    if (!Files.isDirectory(RunLayout.table(run, Outreach.TABLE))) {
      throw RapportException.input(
          "%s has no tables/%s: run ./rapport outreach for that date first", run, Outreach.TABLE);
    }
    ObjectNode m = Manifest.read(run);
    LocalDate t = asOf(run, m);
    LocalDate later = asOf(after, Manifest.read(after));
    int h = horizonDays != null ? horizonDays : m.path("horizon_days").asInt(180);
    if (h < 1) {
      throw RapportException.usage(
          "--horizon-days is %d; allowed: a whole number of days from 1", h);
    }
    if (t.plusDays(h).isAfter(later)) {
      throw RapportException.usage(
          "the outcome window of %s (as of %s, %d days) ends on %s, after %s's as-of date %s: measure"
              + " with a run as of %s or later, or pass --horizon-days %d or fewer",
          run,
          t,
          h,
          t.plusDays(h),
          after,
          later,
          t.plusDays(h),
          java.time.temporal.ChronoUnit.DAYS.between(t, later));
    }
    ZoneId zone = ZoneId.of(m.path("time_zone").asText("UTC"));
    SparkSession spark = SparkSessions.forCli(master, common.verbose);
    Dataset<Row> customers = table(spark, after, Schemas.CUSTOMERS.name());
    Dataset<Row> orders = table(spark, after, Schemas.ORDERS.name());
    Dataset<Row> labels =
        RetentionLabels.at(
            customers, orders, t, h, zone.getId(), RetentionLabels.hasContracts(customers));
    HoldoutReadout r = HoldoutReadout.of(table(spark, run, Outreach.TABLE), labels);
    var out = spec.commandLine().getOut();
    out.printf(
        "holdout readout: lists of %s, retention over %d days from %s, outcomes from %s%n",
        t, h, t, later);
    out.print(r.summary());
    out.flush();
    if (json != null) {
      writeJson(r, t, h, later);
    }
    return ExitCode.OK.code();
  }

  private void writeJson(HoldoutReadout r, LocalDate t, int h, LocalDate later) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode n = mapper.createObjectNode();
    n.put("as_of", t.toString());
    n.put("outcome_from", later.toString());
    n.put("horizon_days", h);
    n.put("contacted", r.contacted());
    n.put("contacted_retained", r.contactedRetained());
    n.put("holdout", r.holdout());
    n.put("holdout_retained", r.holdoutRetained());
    n.put("unmeasured", r.unmeasured());
    if (r.interval() != null) {
      n.put("difference", r.interval().difference());
      n.put("lower95", r.interval().lower());
      n.put("upper95", r.interval().upper());
      n.put("method", "Newcombe hybrid score (Wilson) interval");
    }
    try {
      mapper.writeValue(json.toFile(), n);
    } catch (IOException e) {
      throw RapportException.output(e, "cannot write %s: %s", json, e.getMessage());
    }
  }

  /** The committed run a run option names (followed through a pointer in the marker layout). */
  private static Path requireRun(Path dir, String option) {
    return RunLayout.resolve(dir)
        .orElseThrow(
            () ->
                RapportException.input(
                    "%s %s is not a complete run folder (no %s): pass a folder OUT/<as_of> written by ./rapport run",
                    option, dir, RunFolder.SUCCESS));
  }

  private static LocalDate asOf(Path dir, ObjectNode manifest) {
    if (manifest.path("as_of").isMissingNode()) {
      return RunLayout.asOf(dir); // from the folder's name
    }
    try {
      return LocalDate.parse(manifest.path("as_of").asText());
    } catch (DateTimeParseException e) {
      throw RapportException.input(
          "cannot tell the as-of date of %s: the as_of of its manifest.json is not yyyy-MM-dd;"
              + " run ./rapport run to rebuild the folder",
          dir);
    }
  }

  private static Dataset<Row> table(SparkSession spark, Path dir, String name) {
    return RunLayout.optionalTable(spark, dir, name)
        .orElseThrow(
            () ->
                RapportException.input("%s has no tables/%s, which the readout needs", dir, name));
  }
}
