package rapport.generate.world;

import java.util.ArrayList;
import java.util.List;
import rapport.generate.purchase.Rng;
import rapport.generate.text.Vocabulary;

/**
 * Draws households one after another: a couple or a single adult, children with names, and one or
 * two of the adults as customers. Each household has its own random stream, so the world does not
 * depend on how it is cut into parts.
 */
public final class Households {
  /** Share of households with a partner; a partner is a customer too with {@link #BOTH_BUY}. */
  static final double COUPLE = 0.65;

  static final double BOTH_BUY = 0.45;

  /** Shares of the customers by business: the rest buy at both. */
  static final double DEALERSHIP_ONLY = 0.40;

  static final double COFFEE_ONLY = 0.45;

  private final long seed;
  private final WorldClock clock;
  private final RepRoster roster;

  public Households(long seed, WorldClock clock, RepRoster roster) {
    this.seed = seed;
    this.clock = clock;
    this.roster = roster;
  }

  /**
   * The customers of household {@code h}, numbered from {@code firstIndex}, at most {@code room} of
   * them (the last household is cut to the requested number of customers).
   */
  public List<Customer> household(long h, int firstIndex, int room) {
    Rng rng = Rng.of(seed, "household", h);
    String householdId = String.format("H%07d", h + 1);
    String lastName = rng.pick(Vocabulary.LAST_NAMES);
    String[] city = rng.pick(Vocabulary.CITIES);
    boolean firstFemale = rng.chance(0.5);
    boolean couple = rng.chance(COUPLE);
    String firstName = name(rng, firstFemale);
    String partnerName = null;
    boolean partnerFemale = rng.chance(0.85) != firstFemale;
    List<Person> children = new ArrayList<>();
    if (couple) {
      do {
        partnerName = name(rng, partnerFemale);
      } while (partnerName.equals(firstName));
      int kids = rng.poisson(1.1);
      for (int k = 0; k < Math.min(kids, 4); k++) {
        boolean girl = rng.chance(0.5);
        children.add(new Person(name(rng, girl), girl, Person.Role.CHILD));
      }
    }
    int dealerSeat = rng.nextInt(roster.dealerSeats().size());
    int location = rng.nextInt(roster.locations().size());
    List<Customer> out = new ArrayList<>();
    out.add(
        customer(
            firstIndex,
            householdId,
            firstName,
            firstFemale,
            lastName,
            city,
            couple ? new Person(partnerName, partnerFemale, Person.Role.SPOUSE) : null,
            children,
            dealerSeat,
            location));
    if (couple && room > 1 && rng.chance(BOTH_BUY)) {
      out.add(
          customer(
              firstIndex + 1,
              householdId,
              partnerName,
              partnerFemale,
              lastName,
              city,
              new Person(firstName, firstFemale, Person.Role.SPOUSE),
              children,
              dealerSeat,
              location));
    }
    return out;
  }

  private static String name(Rng rng, boolean female) {
    return rng.pick(female ? Vocabulary.FEMALE_NAMES : Vocabulary.MALE_NAMES);
  }

  private Customer customer(
      int index,
      String householdId,
      String first,
      boolean female,
      String last,
      String[] city,
      Person spouse,
      List<Person> children,
      int dealerSeat,
      int location) {
    Rng rng = Rng.of(seed, "customer", index);
    double u = rng.uniform();
    boolean dealership = u < DEALERSHIP_ONLY || u >= DEALERSHIP_ONLY + COFFEE_ONLY;
    boolean coffee = u >= DEALERSHIP_ONLY;
    long birth = clock.asOfDay() - rng.between(20 * 365, 80 * 365);
    long since = clock.startDay() + rng.nextLong(clock.asOfDay() - clock.startDay());
    String mailbox =
        Vocabulary.ascii(first).toLowerCase()
            + rng.pick(new String[] {".", "_", ""})
            + Vocabulary.ascii(last).toLowerCase()
            + (rng.chance(0.4) ? String.valueOf(rng.between(1, 99)) : "");
    String email =
        mailbox
            + "@"
            + rng.pick(new String[] {"web.de", "gmx.de", "gmail.com", "posteo.de", "t-online.de"});
    String phone = String.format("+49 1%02d %07d", rng.between(50, 79), rng.nextInt(10_000_000));
    String car = dealership ? rng.pick(Vocabulary.CAR_MODELS) : null;
    String spouseCar =
        dealership && spouse != null && rng.chance(0.4) ? rng.pick(Vocabulary.CAR_MODELS) : null;
    String pet =
        rng.chance(0.35) ? rng.pick(Vocabulary.PETS) + " " + rng.pick(Vocabulary.PET_NAMES) : null;
    String job = spouse != null ? rng.pick(Vocabulary.JOBS) : null;
    return new Customer(
        index,
        String.format("C%07d", index + 1),
        householdId,
        first,
        last,
        female,
        birth,
        email,
        phone,
        city[0],
        city[1],
        since,
        rng.chance(0.03),
        spouse,
        List.copyOf(children),
        car,
        spouseCar,
        rng.pick(Vocabulary.HOBBIES),
        rng.pick(Vocabulary.HOMETOWNS),
        pet,
        job,
        rng.chance(0.15),
        rng.chance(0.10),
        rng.chance(0.3),
        dealership ? roster.dealerSeats().get(dealerSeat) : null,
        coffee ? roster.locations().get(location) : null);
  }
}
