package rapport.generate.world;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import rapport.generate.purchase.Rng;
import rapport.generate.text.Templates;
import rapport.generate.text.Vocabulary;

/** The campaign calendar: marketing, newsletters, recalls and three tiny campaigns. */
public final class CampaignCalendar {
  /** Number of tiny campaigns, each addressed to exactly {@link #TINY_AUDIENCE} customers. */
  public static final int TINY_CAMPAIGNS = 3;

  public static final int TINY_AUDIENCE = 3;

  private CampaignCalendar() {}

  public static List<Campaign> build(long seed, int customers, WorldClock clock) {
    Rng rng = Rng.of(seed, "calendar", 0);
    List<Campaign> out = new ArrayList<>();
    LocalDate first = LocalDate.ofEpochDay(clock.startDay()).withDayOfMonth(1);
    for (LocalDate m = first; m.toEpochDay() < clock.endDay(); m = m.plusMonths(1)) {
      String ym = m.toString().substring(0, 7);
      long base = m.toEpochDay();
      if (rng.chance(0.5)) {
        out.add(
            new Campaign(
                "CMP-D-" + ym,
                Campaign.Kind.CAMPAIGN,
                Business.DEALERSHIP,
                "email",
                base + rng.between(2, 25),
                10 * 3600,
                0.15,
                rng.nextInt(Templates.DEALER_CAMPAIGNS.length),
                null,
                new int[0]));
      }
      out.add(
          new Campaign(
              "CMP-C-" + ym,
              Campaign.Kind.CAMPAIGN,
              Business.COFFEE,
              rng.chance(0.5) ? "app" : rng.chance(0.5) ? "email" : "sms",
              base + rng.between(2, 25),
              7 * 3600 + 1800,
              0.1,
              rng.nextInt(Templates.COFFEE_CAMPAIGNS.length),
              null,
              new int[0]));
      if (rng.chance(0.5)) {
        out.add(
            new Campaign(
                "NL-" + ym,
                Campaign.Kind.BULK,
                null,
                "email",
                base + rng.between(3, 9),
                9 * 3600,
                1.0,
                rng.nextInt(Templates.NEWSLETTER_TOPICS.length),
                null,
                new int[0]));
      }
      if (rng.chance(1.0 / 12)) {
        String model = rng.pick(Vocabulary.CAR_MODELS);
        out.add(
            new Campaign(
                "RECALL-" + ym,
                Campaign.Kind.RECALL,
                Business.DEALERSHIP,
                rng.chance(0.5) ? "letter" : "email",
                base + rng.between(1, 27),
                8 * 3600,
                1.0,
                rng.nextInt(Templates.RECALL_ISSUES.length),
                model,
                new int[0]));
      }
    }
    for (int t = 0; t < TINY_CAMPAIGNS; t++) {
      int[] audience = new int[TINY_AUDIENCE];
      for (int i = 0; i < Math.min(TINY_AUDIENCE, customers); i++) {
        int pick;
        do {
          pick = rng.nextInt(customers);
        } while (contains(audience, i, pick));
        audience[i] = pick;
      }
      out.add(
          new Campaign(
              "VIP-" + (t + 1),
              Campaign.Kind.TINY,
              null,
              "email",
              clock.asOfDay() - 20 - 30L * t,
              11 * 3600,
              1.0,
              t,
              null,
              audience));
    }
    out.sort(Comparator.comparingLong(Campaign::day).thenComparing(Campaign::id));
    return List.copyOf(out);
  }

  private static boolean contains(int[] values, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (values[i] == v) {
        return true;
      }
    }
    return false;
  }
}
