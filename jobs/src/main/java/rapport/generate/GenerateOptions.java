package rapport.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import rapport.errors.RapportException;
import rapport.generate.purchase.Effects;

/**
 * Everything a world is generated from. The same options give the same bytes.
 *
 * @param badRowShare bad rows per clean row in each input (0 for none)
 * @param partRows records per file before a table becomes a folder of parts
 * @param contracts every customer has a contract: churn is observed as closed_at
 * @param busyReps few salespeople with many customers each, as a busy dealership has them: 10 to 40
 *     messages a day per rep, sequence e-mails from the rep's own mailbox every day beside personal
 *     texts that reuse the rep's own phrases
 * @param confounded confounding by warmth: the reps' personal touches go to the customers who were
 *     going to stay anyway (each customer's personal-touch rate is multiplied by {@link
 *     rapport.generate.purchase.Latent#targeting}, which rises as the customer's dropout
 *     probability falls), while the planted effect per touch stays {@code effects}
 */
public record GenerateOptions(
    int customers,
    long seed,
    LocalDate asOf,
    ZoneId zone,
    double badRowShare,
    long partRows,
    boolean contracts,
    Effects effects,
    boolean busyReps,
    boolean confounded,
    Path out) {

  public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 6, 30);
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Berlin");
  public static final long DEFAULT_PART_ROWS = 1_000_000;

  /** Years of history before the as-of date. */
  public static final int HISTORY_YEARS = 6;

  /** The options of a world whose reps have the default, light workload. */
  public GenerateOptions(
      int customers,
      long seed,
      LocalDate asOf,
      ZoneId zone,
      double badRowShare,
      long partRows,
      boolean contracts,
      Effects effects,
      Path out) {
    this(customers, seed, asOf, zone, badRowShare, partRows, contracts, effects, false, out);
  }

  /** The options of a world without confounding. */
  public GenerateOptions(
      int customers,
      long seed,
      LocalDate asOf,
      ZoneId zone,
      double badRowShare,
      long partRows,
      boolean contracts,
      Effects effects,
      boolean busyReps,
      Path out) {
    this(
        customers,
        seed,
        asOf,
        zone,
        badRowShare,
        partRows,
        contracts,
        effects,
        busyReps,
        false,
        out);
  }

  public GenerateOptions {
    require(
        customers >= 1 && customers <= 20_000_000,
        "--customers is %d; allowed: 1 to 20000000",
        customers);
    require(
        badRowShare >= 0 && badRowShare <= 0.5,
        "--bad-rows is %s; allowed: a share from 0 to 0.5",
        badRowShare);
    require(partRows >= 1_000, "--part-rows is %d; allowed: 1000 or more", partRows);
    require(
        effects.personalHazardRatio() > 0
            && effects.automatedHazardRatio() > 0
            && effects.fatigueHazardRatio() > 0,
        "hazard ratios must be positive; got personal %s, automated %s, fatigue %s",
        effects.personalHazardRatio(),
        effects.automatedHazardRatio(),
        effects.fatigueHazardRatio());
    require(
        !(confounded && contracts),
        "--confounded with --contracts: a contract world gives every customer the same baseline"
            + " hazard, so there is no staying propensity for the reps to follow; leave one out");
    require(
        effects.fatigueThreshold() >= 0,
        "--fatigue-threshold is %d; allowed: 0 or more",
        effects.fatigueThreshold());
  }

  private static void require(boolean ok, String format, Object... args) {
    if (!ok) {
      throw RapportException.usage(format, args);
    }
  }
}
