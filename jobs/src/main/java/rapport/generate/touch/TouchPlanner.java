package rapport.generate.touch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import rapport.generate.purchase.Latent;
import rapport.generate.purchase.Order;
import rapport.generate.purchase.Rng;
import rapport.generate.world.Business;
import rapport.generate.world.Campaign;
import rapport.generate.world.Customer;
import rapport.generate.world.Rep;
import rapport.generate.world.Seat;
import rapport.generate.world.WorldClock;

/**
 * Plans every touch of one customer's path while alive: rule-driven sends (birthdays, campaigns,
 * newsletters, recalls, reminders, receipts, sequences, auto-replies), the reps' personal touches
 * at a rate set by the relationship strength, the baristas' pickup chats tied to orders, and the
 * customer's own initiative (replies, calls, walk-ins).
 */
public final class TouchPlanner {
  /** Personal rep touches per year at relationship strength 1 (dealership). */
  public static final double REP_TOUCHES_PER_YEAR = 5.0;

  /** Chance of a pickup chat per coffee order at strength 1. */
  public static final double PICKUP_CHAT = 0.25;

  /** Chance per year that the salesperson calls on the birthday, at strength 1. */
  public static final double BIRTHDAY_CALL = 0.8;

  public static final double REPLY_TO_PERSONAL = 0.35;

  public static final double SEQUENCE_ENROLMENT = 0.08;

  /** The mix of a rep's personal touches: type and cumulative weight. */
  private static final TouchType[] REP_TYPES = {
    TouchType.CALL, TouchType.CALL_LOGGED, TouchType.VOICEMAIL, TouchType.VISIT,
    TouchType.SERVICE_CALL, TouchType.EMAIL, TouchType.TEXT, TouchType.SHORT_TEXT
  };

  private static final double[] REP_WEIGHTS = {0.30, 0.38, 0.53, 0.61, 0.68, 0.85, 0.93, 1.0};

  /** A busy rep's mix: more quick texts, fewer visits (same types as {@link #REP_TYPES}). */
  private static final double[] BUSY_REP_WEIGHTS = {0.20, 0.26, 0.34, 0.37, 0.42, 0.55, 0.85, 1.0};

  /** A busy rep's personal touches per customer, as a multiple of {@link #REP_TOUCHES_PER_YEAR}. */
  public static final double BUSY_REP_TOUCH_FACTOR = 4.0;

  /** Sequence enrolments per customer and year when reps are busy, on any working day. */
  public static final double BUSY_SEQUENCES_PER_YEAR = 1.0;

  private final WorldClock clock;
  private final List<Campaign> calendar;
  private final boolean busy;

  public TouchPlanner(WorldClock clock, List<Campaign> calendar) {
    this(clock, calendar, false);
  }

  /**
   * @param busy busy reps: more texts in the personal mix, and sequences that start on any working
   *     day for a few customers each instead of a few days a year for many
   */
  public TouchPlanner(WorldClock clock, List<Campaign> calendar, boolean busy) {
    this.clock = clock;
    this.calendar = calendar;
    this.busy = busy;
  }

  public List<Planned> plan(Customer c, Latent l, List<Order> orders, Rng rng) {
    List<Planned> out = new ArrayList<>();
    long since = c.sinceDay();
    birthdays(c, l, rng, out);
    campaigns(c, rng, out);
    if (c.dealership()) {
      dealership(c, l, orders, rng, out);
    }
    if (c.coffee()) {
      coffee(c, l, orders, rng, out);
    }
    inbound(c, l, since, rng, out);
    out.removeIf(p -> p.at() < clock.at(since, 0) || clock.dayOf(p.at()) >= clock.endDay());
    out.sort(Comparator.comparingLong(Planned::at).thenComparing(Planned::type));
    return out;
  }

  private Business brand(Customer c) {
    return c.dealership() ? Business.DEALERSHIP : Business.COFFEE;
  }

  private void birthdays(Customer c, Latent l, Rng rng, List<Planned> out) {
    LocalDate birth = LocalDate.ofEpochDay(c.birthDay());
    int firstYear = LocalDate.ofEpochDay(c.sinceDay()).getYear();
    int lastYear = LocalDate.ofEpochDay(clock.endDay()).getYear();
    for (int y = firstYear; y <= lastYear; y++) {
      long day = birth.withYear(y).toEpochDay();
      if (day < c.sinceDay() || day >= clock.endDay()) {
        continue;
      }
      for (Business b : Business.values()) {
        if (b == Business.DEALERSHIP ? c.dealership() : c.coffee()) {
          boolean sms = c.prefersSms();
          out.add(
              new Planned(
                  clock.at(day, 8 * 3600 + c.index() % 600),
                  sms ? TouchType.BIRTHDAY_SMS : TouchType.BIRTHDAY_EMAIL,
                  null,
                  null,
                  0,
                  b,
                  sms ? "sms" : "email"));
        }
      }
      if (c.dealership() && rng.chance(BIRTHDAY_CALL * l.personalRate())) {
        rep(c, day, rng, TouchType.CALL, out);
      }
    }
  }

  private void campaigns(Customer c, Rng rng, List<Planned> out) {
    for (Campaign k : calendar) {
      if (k.day() < c.sinceDay()) {
        continue;
      }
      boolean eligible =
          switch (k.kind()) {
            case TINY -> k.addresses(c.index());
            case BULK -> c.newsletter() && !c.doNotContact();
            case RECALL ->
                c.dealership()
                    && (k.model().equals(c.carModel()) || k.model().equals(c.spouseCarModel()));
            case CAMPAIGN ->
                !c.doNotContact()
                    && (k.business() == Business.DEALERSHIP ? c.dealership() : c.coffee())
                    && rng.chance(k.share());
          };
      if (!eligible) {
        continue;
      }
      // A bulk send goes out over half an hour: customers one after another.
      long at = clock.at(k.day(), k.secondOfDay()) + c.index() % 1800;
      TouchType type =
          switch (k.kind()) {
            case TINY -> TouchType.TINY_CAMPAIGN;
            case BULK -> TouchType.NEWSLETTER;
            case RECALL -> TouchType.RECALL_NOTICE;
            case CAMPAIGN -> TouchType.CAMPAIGN;
          };
      Business b = k.business() == null ? brand(c) : k.business();
      out.add(new Planned(at, type, null, k, 0, b, k.channel()));
      if (k.kind() == Campaign.Kind.RECALL && rng.chance(0.8 * rng.uniform())) {
        // The rep calls to settle the worry about the recall.
        rep(c, k.day() + rng.between(2, 12), rng, TouchType.SERVICE_CALL, out);
      }
    }
  }

  private void dealership(Customer c, Latent l, List<Order> orders, Rng rng, List<Planned> out) {
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      if (o.business() == Business.DEALERSHIP && !o.category().equals("vehicle") && o.cents() > 0) {
        out.add(
            new Planned(
                o.at() + 600, TouchType.RECEIPT, null, null, i, Business.DEALERSHIP, "email"));
      }
    }
    LocalDate since = LocalDate.ofEpochDay(c.sinceDay());
    for (LocalDate d = since.plusYears(1).minusDays(14);
        d.toEpochDay() < clock.endDay();
        d = d.plusYears(1)) {
      String ch = c.prefersSms() ? "sms" : "email";
      out.add(
          new Planned(
              clock.at(d.toEpochDay(), 6 * 3600 + c.index() % 900),
              TouchType.SERVICE_REMINDER,
              null,
              null,
              0,
              Business.DEALERSHIP,
              ch));
    }
    double perDay =
        REP_TOUCHES_PER_YEAR * (busy ? BUSY_REP_TOUCH_FACTOR : 1) * l.personalRate() / 365;
    for (double d = c.sinceDay() + rng.exponential(perDay);
        d < clock.endDay();
        d += rng.exponential(perDay)) {
      double u = rng.uniform();
      double[] weights = busy ? BUSY_REP_WEIGHTS : REP_WEIGHTS;
      int k = 0;
      while (weights[k] < u) {
        k++;
      }
      rep(c, (long) d, rng, REP_TYPES[k], out);
    }
    if (!c.doNotContact() && busy) {
      busySequences(c, rng, out);
    } else if (!c.doNotContact()) {
      for (long start : c.dealerSeat().sequenceDays()) {
        if (start >= c.sinceDay() && rng.chance(SEQUENCE_ENROLMENT)) {
          Rep rep = c.dealerSeat().repOn(start);
          int[] offsets = {0, 4, 11};
          for (int s = 0; s < offsets.length; s++) {
            long at = clock.at(start + offsets[s], 9 * 3600 + rng.nextInt(1200));
            out.add(
                new Planned(at, TouchType.SEQUENCE, rep, null, s, Business.DEALERSHIP, "email"));
          }
        }
      }
    }
  }

  /**
   * A busy rep's sequences: a customer is enrolled now and then, on a working day of its own, so
   * the rep's mailbox sends a few sequence e-mails every day instead of many on a few days.
   */
  private void busySequences(Customer c, Rng rng, List<Planned> out) {
    double perDay = BUSY_SEQUENCES_PER_YEAR / 365;
    int[] offsets = {0, 4, 11};
    for (double d = c.sinceDay() + rng.exponential(perDay);
        d < clock.endDay();
        d += rng.exponential(perDay)) {
      long start = (long) d;
      if (c.dealerSeat().inHandover(start)) {
        continue;
      }
      Rep rep = c.dealerSeat().repOn(start);
      for (int s = 0; s < offsets.length; s++) {
        long at = clock.at(start + offsets[s], rng.between(8 * 3600, 17 * 3600));
        out.add(new Planned(at, TouchType.SEQUENCE, rep, null, s, Business.DEALERSHIP, "email"));
      }
    }
  }

  private void coffee(Customer c, Latent l, List<Order> orders, Rng rng, List<Planned> out) {
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      if (o.business() != Business.COFFEE) {
        continue;
      }
      if (c.eReceipts()) {
        out.add(
            new Planned(o.at() + 5, TouchType.RECEIPT, null, null, i, Business.COFFEE, "email"));
      }
      if (rng.chance(PICKUP_CHAT * l.personalRate())) {
        long day = clock.dayOf(o.at());
        Seat seat = c.baristas().get(rng.nextInt(c.baristas().size()));
        Rep barista = seat.repOn(day);
        out.add(
            new Planned(
                o.at() + rng.between(180, 600),
                TouchType.PICKUP_CHAT,
                barista,
                null,
                i,
                Business.COFFEE,
                "in_person"));
      }
    }
  }

  /** A personal touch by the customer's salesperson, unless the seat is changing hands. */
  private void rep(Customer c, long day, Rng rng, TouchType type, List<Planned> out) {
    Seat seat = c.dealerSeat();
    if (seat.inHandover(day)) {
      return;
    }
    String channel =
        switch (type) {
          case EMAIL -> "email";
          case TEXT, SHORT_TEXT -> "sms";
          case VISIT -> "in_person";
          default -> "phone";
        };
    long at = clock.at(day, rng.between(9 * 3600, 18 * 3600));
    out.add(new Planned(at, type, seat.repOn(day), null, 0, Business.DEALERSHIP, channel));
    if ((type == TouchType.EMAIL || type == TouchType.TEXT) && rng.chance(REPLY_TO_PERSONAL)) {
      long reply = at + rng.between(1800, 3 * 86_400);
      out.add(
          new Planned(
              reply, TouchType.REPLY, seat.repOn(day), null, 0, Business.DEALERSHIP, channel));
    }
  }

  private void inbound(Customer c, Latent l, long since, Rng rng, List<Planned> out) {
    double calls = (c.dealership() ? 0.4 : 0.05) * (0.5 + l.strength()) / 365;
    double walkIns = (c.dealership() ? 0.3 : 0.0) / 365 + (c.coffee() ? 0.1 / 365 : 0);
    double inquiries = 0.25 / 365;
    Business b = brand(c);
    for (double d = since + rng.exponential(calls);
        d < clock.endDay();
        d += rng.exponential(calls)) {
      Rep rep = c.ownerOn((long) d);
      out.add(
          new Planned(
              clock.at((long) d, rng.between(8 * 3600, 19 * 3600)),
              TouchType.INBOUND_CALL,
              rep,
              null,
              0,
              b,
              "phone"));
    }
    for (double d = since + rng.exponential(walkIns);
        d < clock.endDay();
        d += rng.exponential(walkIns)) {
      Rep rep = c.ownerOn((long) d);
      out.add(
          new Planned(
              clock.at((long) d, rng.between(9 * 3600, 18 * 3600)),
              TouchType.WALK_IN,
              rep,
              null,
              0,
              b,
              "in_person"));
    }
    for (double d = since + rng.exponential(inquiries);
        d < clock.endDay();
        d += rng.exponential(inquiries)) {
      long at = clock.at((long) d, rng.between(0, 86_399));
      out.add(new Planned(at, TouchType.INQUIRY, null, null, 0, b, "email"));
      out.add(
          new Planned(at + rng.between(20, 90), TouchType.AUTO_REPLY, null, null, 0, b, "email"));
    }
  }
}
