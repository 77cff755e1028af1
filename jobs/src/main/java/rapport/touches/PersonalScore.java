package rapport.touches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The personal score of one touch: a logistic combination of the signals with fixed, hand-set
 * weights (nothing is fitted), {@code personal_score = 1 / (1 + exp(-z))}, where z is the sum of
 * the contributions below in logit units. A touch is personal when the score reaches the threshold
 * (0.5 by default, z = 0). The reasons are the signals that contributed at least {@link
 * #REASON_MIN} in either direction, largest first.
 *
 * <pre>
 * conversation held (answered call, visit)   +5.0   ANSWERED_CALL_6MIN, VISIT_25MIN, PICKUP_CHAT_20S
 * voicemail left                            +4.0   VOICEMAIL
 * call attempt (no answer)                  +1.5   CALL_ATTEMPT
 * author type rep / system                  +1.0 / -1.5   REP_AUTHOR / SYSTEM_AUTHOR
 * campaign id present                       -4.0   CAMPAIGN
 * template: -3.0 x length x spread                 TEMPLATE_FANOUT_412
 *     length = clamp((tokens - 2) / 18): a shared 3-word text is weak evidence, a shared
 *              paragraph is strong; spread = clamp(ln(author fan-out) / ln(full fan-out))
 * untemplated text (one customer only)      +1.0 x length   UNTEMPLATED
 * bulk burst: one author's template to n customers on one channel and day, or its templated
 *     messages to n customers there; n judged against the author's usual day on the channel
 *                                           -4.0 x clamp((tokens - 1) / 8)   BULK_BURST_n
 * no evidence: no text and no conversation outcome (an outbound call with nothing logged)
 *                                           -1.5   NO_EVIDENCE
 * author burst (n customers in one minute)  -4.0   AUTHOR_BURST_n
 * auto-reply (minutes after an inbound, or wording)  -4.0   AUTO_REPLY
 * written message right after an order      -1.0   AFTER_ORDER
 * mentions a household member               +2.0   MENTIONS_HOUSEHOLD
 * shares rare words with earlier notes      +2.0 x clamp(idf sum / 8)   EARLIER_CONVERSATION
 * words no other customer's messages use    +1.0 x clamp(n / 2)   UNIQUE_WORDS
 * the customer replied within days          +1.5   CUSTOMER_REPLIED
 * </pre>
 *
 * Template, burst and untemplated evidence is not counted for conversations: the note of a call is
 * a record of it, and a logging system writes the same line for every answered call.
 */
public final class PersonalScore {
  private PersonalScore() {}

  public static final double REASON_MIN = 0.4;

  /** The reason of an outbound touch without text and without a conversation outcome. */
  public static final String NO_EVIDENCE = "NO_EVIDENCE";

  static final double NO_EVIDENCE_WEIGHT = -1.5;

  /** Everything the score looks at, for one touch. Nullable boxes are unknowns. */
  public record Signals(
      String channel,
      String direction,
      String authorType,
      String outcome,
      Integer durationSeconds,
      boolean hasCampaign,
      int tokens,
      long templateFanout,
      long authorFanout,
      double nearFanout,
      long dayCustomers,
      long authorDayCustomers,
      double usualDayCustomers,
      long authorMinuteCustomers,
      boolean autoReplyPhrase,
      Double minutesAfterInbound,
      Double minutesAfterOrder,
      boolean replied,
      boolean mentionsHousehold,
      double earlierIdf,
      int uniqueWords) {}

  /** The class, the score and the reasons of one touch. */
  public record Result(String kind, double score, List<String> reasons) {}

  private record Contribution(String code, double value) {}

  public static Result score(Signals x, TouchSettings s) {
    if ("inbound".equals(x.direction())) {
      return new Result("inbound", 1.0, List.of("CUSTOMER_INITIATED"));
    }
    List<Contribution> c = new ArrayList<>();
    Conversation.Kind conv =
        Conversation.of(x.channel(), x.direction(), x.outcome(), x.durationSeconds(), s);
    boolean pickup =
        x.minutesAfterOrder() != null
            && x.minutesAfterOrder() <= s.pickupMinutes()
            && "in_person".equals(x.channel());
    switch (conv) {
      case HELD -> c.add(new Contribution(conversationCode(x, pickup), 5.0));
      case VOICEMAIL -> c.add(new Contribution("VOICEMAIL", 4.0));
      case ATTEMPT -> c.add(new Contribution("CALL_ATTEMPT", 1.5));
      case NONE -> {}
    }
    if ("rep".equals(x.authorType())) {
      c.add(new Contribution("REP_AUTHOR", 1.0));
    } else if ("system".equals(x.authorType())) {
      c.add(new Contribution("SYSTEM_AUTHOR", -1.5));
    }
    if (x.hasCampaign()) {
      c.add(new Contribution("CAMPAIGN", -4.0));
    }
    if (conv == Conversation.Kind.NONE) {
      double length = clamp((x.tokens() - 2) / 18.0);
      if (x.templateFanout() >= s.templateMinCustomers()) {
        // How far near-identical copies went, through this author: a phrase shared around
        // different words reaches only those who got the very same words.
        double reach = Math.min(x.authorFanout(), x.nearFanout());
        double spread = clamp(Math.log(Math.max(1, reach)) / Math.log(s.templateFullFanout()));
        c.add(new Contribution("TEMPLATE_FANOUT_" + x.templateFanout(), -3.0 * length * spread));
      } else if (x.templateFanout() == 1) {
        c.add(new Contribution("UNTEMPLATED", 1.0 * length));
      }
      // What is a bulk day for this author on this channel: its usual day times the factor, yet
      // never more than a bulk send of bulk_day_customers, nor less than the fixed floors.
      double bulk = Math.min(s.bulkDayCustomers(), s.burstFactor() * x.usualDayCustomers());
      boolean burst =
          x.dayCustomers() >= Math.max(s.burstCustomers(), bulk)
              || x.authorDayCustomers() >= Math.max(s.authorDayCustomers(), bulk);
      if (burst) {
        long n = Math.max(x.dayCustomers(), x.authorDayCustomers());
        c.add(new Contribution("BULK_BURST_" + n, -4.0 * clamp((x.tokens() - 1) / 8.0)));
      }
      if (x.tokens() == 0 && !x.hasCampaign()) {
        // Nothing says a person was there: no text, no outcome of a conversation. A score of 0.5
        // (z = 0) would call it personal by default.
        c.add(new Contribution(NO_EVIDENCE, NO_EVIDENCE_WEIGHT));
      }
      if (x.minutesAfterOrder() != null && x.minutesAfterOrder() <= s.pickupMinutes()) {
        c.add(new Contribution("AFTER_ORDER", -1.0));
      }
      boolean quick =
          x.minutesAfterInbound() != null && x.minutesAfterInbound() <= s.autoReplyMinutes();
      if (x.autoReplyPhrase() || quick) {
        c.add(new Contribution("AUTO_REPLY", -4.0));
      }
    }
    if (x.authorMinuteCustomers() >= s.authorMinuteCustomers()) {
      c.add(new Contribution("AUTHOR_BURST_" + x.authorMinuteCustomers(), -4.0));
    }
    if (x.mentionsHousehold()) {
      c.add(new Contribution("MENTIONS_HOUSEHOLD", 2.0));
    }
    if (x.earlierIdf() > 0) {
      c.add(new Contribution("EARLIER_CONVERSATION", 2.0 * clamp(x.earlierIdf() / 8.0)));
    }
    if (x.uniqueWords() > 0) {
      c.add(new Contribution("UNIQUE_WORDS", 1.0 * clamp(x.uniqueWords() / 2.0)));
    }
    if (x.replied()) {
      c.add(new Contribution("CUSTOMER_REPLIED", 1.5));
    }
    double z = 0;
    for (Contribution k : c) {
      z += k.value();
    }
    double score = 1.0 / (1.0 + Math.exp(-z));
    List<String> reasons =
        c.stream()
            .filter(k -> Math.abs(k.value()) >= REASON_MIN)
            .sorted(
                Comparator.comparingDouble((Contribution k) -> -Math.abs(k.value()))
                    .thenComparing(Contribution::code))
            .map(Contribution::code)
            .toList();
    return new Result(score >= s.threshold() ? "personal" : "automated", score, reasons);
  }

  private static String conversationCode(Signals x, boolean pickup) {
    String what =
        pickup
            ? "PICKUP_CHAT"
            : switch (x.channel()) {
              case "phone" -> "ANSWERED_CALL";
              case "in_person" -> "VISIT";
              default -> x.channel().toUpperCase(Locale.ROOT) + "_CONVERSATION";
            };
    Integer d = x.durationSeconds();
    if (d == null || d <= 0) {
      return what;
    }
    return d < 120 ? what + "_" + d + "S" : what + "_" + Math.round(d / 60.0) + "MIN";
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}
