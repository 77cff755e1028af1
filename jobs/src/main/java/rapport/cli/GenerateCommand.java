package rapport.cli;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.generate.GenerateOptions;
import rapport.generate.Generator;
import rapport.generate.export.CrmLayout;
import rapport.generate.export.ExportWriter;
import rapport.generate.purchase.Effects;
import rapport.generate.touch.TouchKind;

/** {@code rapport generate}: a synthetic world with planted ground truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic world: customers.csv, reps.csv, orders.csv, interactions.csv (or folders"
          + " of part files), rapport.yaml, and the truth under truth/ (touch labels, future"
          + " orders, latent customer truth, parameters.json). The same options give the same bytes.",
      "Example: rapport generate --customers 3000 --seed 42 --bad-rows 0.004 --out data-samples",
      "         rapport generate --customers 300 --crm salesforce --as-of 2026-07-01 --out sf"
    })
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = "--customers", required = true, description = "Number of customers, e.g. 3000.")
  int customers;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--as-of",
      defaultValue = "2026-06-30",
      description = "The as-of date yyyy-MM-dd: inputs end before it (default ${DEFAULT-VALUE}).")
  String asOf;

  @Option(
      names = "--time-zone",
      defaultValue = "Europe/Berlin",
      description = "The world's IANA time zone (default ${DEFAULT-VALUE}).")
  String zone;

  @Option(
      names = "--bad-rows",
      defaultValue = "0",
      description =
          "Bad rows per clean row in each input, e.g. 0.004; each kind of SPEC 5.3 in turn, counted"
              + " in truth/parameters.json (default ${DEFAULT-VALUE}).")
  double badRows;

  @Option(
      names = "--part-rows",
      defaultValue = "1000000",
      description =
          "Records per file before a table becomes a folder of parts (default ${DEFAULT-VALUE}).")
  long partRows;

  @Option(
      names = "--contracts",
      description =
          "Every customer has a contract: churn (the dropout) before as_of is written as closed_at.")
  boolean contracts;

  @Option(
      names = "--busy-reps",
      description =
          "Few salespeople with many customers each: 10 to 40 messages a day per rep, sequence"
              + " e-mails from the rep's mailbox every day beside personal texts that reuse the"
              + " rep's phrases.")
  boolean busyReps;

  @Option(
      names = "--confounded",
      description =
          "Confounding by warmth: the reps' personal touches go to the customers who were going to"
              + " stay anyway (their rate rises as the customer's latent dropout probability"
              + " falls), while each touch's planted effect stays --personal-effect; the truth"
              + " says how (not with --contracts).")
  boolean confounded;

  @Option(
      names = "--personal-effect",
      defaultValue = "0.6",
      description =
          "Dropout hazard ratio per personal touch in the trailing 90 days (default ${DEFAULT-VALUE}).")
  double personalEffect;

  @Option(
      names = "--automated-effect",
      defaultValue = "1.0",
      description =
          "Dropout hazard ratio per automated touch in the trailing 90 days (default ${DEFAULT-VALUE}).")
  double automatedEffect;

  @Option(
      names = "--fatigue-threshold",
      defaultValue = "12",
      description =
          "Automated touches in 90 days beyond which each one hurts (default ${DEFAULT-VALUE}).")
  int fatigueThreshold;

  @Option(
      names = "--fatigue-effect",
      defaultValue = "1.15",
      description =
          "Hazard ratio per automated touch beyond the threshold (default ${DEFAULT-VALUE}).")
  double fatigueEffect;

  @Option(
      names = "--crm",
      paramLabel = "salesforce|hubspot",
      description =
          "Write the world as that CRM exports it (Salesforce: User, Contact, Opportunity, Task,"
              + " Event with 18-character ids; HubSpot: users, contacts, deals, calls, emails,"
              + " meetings with Record IDs) and a rapport.yaml that reads it, instead of the"
              + " canonical files.")
  String crm;

  @Option(names = "--out", required = true, description = "Folder to write the world into.")
  Path out;

  @Override
  public Integer call() {
    Effects defaults = Effects.DEFAULT;
    Effects effects =
        new Effects(
            personalEffect,
            automatedEffect,
            fatigueThreshold,
            fatigueEffect,
            defaults.windowDays(),
            defaults.contractHazardPerYear());
    GenerateOptions options =
        new GenerateOptions(
            customers,
            seed,
            date(asOf),
            zone(zone),
            badRows,
            partRows,
            contracts,
            effects,
            busyReps,
            confounded,
            out);
    long start = System.nanoTime();
    if (crm != null) {
      CrmLayout layout = CrmLayout.parse(crm);
      ExportWriter.Result x = ExportWriter.write(options, layout);
      double seconds = (System.nanoTime() - start) / 1e9;
      spec.commandLine()
          .getOut()
          .printf(
              "generated %d customers as a %s export into %s in %.1f s: %s%n",
              x.world().customers(),
              layout.optionName(),
              out,
              seconds,
              x.files().stream()
                  .map(f -> f.name() + " " + f.rows())
                  .collect(java.util.stream.Collectors.joining(", ")));
      return ExitCode.OK.code();
    }
    Generator.Result r = new Generator(options).run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long personal = r.touchKinds().get(TouchKind.PERSONAL);
    long outbound = personal + r.touchKinds().get(TouchKind.AUTOMATED);
    spec.commandLine()
        .getOut()
        .printf(
            "generated %d customers (%d households, %d reps), %d orders (+%d future),"
                + " %d interactions (%.1f%% of outbound personal) into %s in %.1f s%n",
            r.customers(),
            r.households(),
            r.reps(),
            r.orders(),
            r.futureOrders(),
            r.interactions(),
            outbound == 0 ? 0.0 : 100.0 * personal / outbound,
            r.out(),
            seconds);
    return ExitCode.OK.code();
  }

  private static LocalDate date(String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeException e) {
      throw RapportException.usage("--as-of is '%s'; allowed: a date as yyyy-MM-dd", v);
    }
  }

  private static ZoneId zone(String v) {
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw RapportException.usage(
          "--time-zone is '%s'; allowed: an IANA zone such as Europe/Berlin", v);
    }
  }
}
