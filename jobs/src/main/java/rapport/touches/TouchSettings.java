package rapport.touches;

import java.util.List;
import rapport.config.ConfigNode;

/**
 * The {@code touches:} section of rapport.yaml: the classify stage's knobs. Every default works
 * without tuning; docs/classify.md says what each one changes.
 *
 * @param templateMinCustomers a near-duplicate text reaching at least this many customers is a
 *     template and gets a {@code template_id}
 * @param templateFullFanout per-author fan-out at which template evidence is full strength
 * @param similarity Jaccard similarity of word shingles above which two masked texts are likely put
 *     into one template (the MinHash banding is derived from it)
 * @param burstCustomers an author sending one template to this many customers on one day is a bulk
 *     send
 * @param authorDayCustomers an author sending templated messages to this many customers on one day
 *     is sending in bulk (a rep's sequence, whatever its merge fields)
 * @param burstFactor a day is a bulk send for an author only when it reaches this many times the
 *     author's usual day on the channel (the median number of customers it messages there on a day
 *     it messages anyone, per calendar year): a busy rep's ordinary day is not a burst
 * @param bulkDayCustomers an author messaging this many customers on one channel and day is sending
 *     in bulk, whatever its usual day
 * @param authorMinuteCustomers an author touching this many customers in one minute is a machine
 * @param autoReplyMinutes an outbound message this soon after the customer's inbound one is
 *     probably an auto-reply
 * @param replyDays an inbound message this soon after an outbound one is a reply to it
 * @param rareWordShare a word used by at most this share of customers is rare enough to tie a
 *     message to the customer's earlier conversations
 * @param pickupMinutes an in-person talk this soon after an order is a pickup conversation
 * @param conversationChannels channels on which an outbound touch with a human outcome is a
 *     conversation (a call, a visit)
 * @param threshold personal_score at or above which an outbound touch is personal
 * @param transactionalMinutes an automated message this soon after the customer's order may have
 *     been caused by it (a receipt, a confirmation)
 * @param transactionalTemplateShare a template is transactional when at least this share of its
 *     messages follow the recipient's own order or inbound message
 */
public record TouchSettings(
    int templateMinCustomers,
    int templateFullFanout,
    double similarity,
    int burstCustomers,
    int authorDayCustomers,
    double burstFactor,
    int bulkDayCustomers,
    int authorMinuteCustomers,
    int autoReplyMinutes,
    int replyDays,
    double rareWordShare,
    int pickupMinutes,
    List<String> conversationChannels,
    double threshold,
    int transactionalMinutes,
    double transactionalTemplateShare)
    implements java.io.Serializable {

  public static final TouchSettings DEFAULTS =
      new TouchSettings(
          3,
          50,
          0.8,
          3,
          10,
          3.0,
          100,
          10,
          10,
          3,
          0.02,
          30,
          List.of("phone", "in_person", "video"),
          0.5,
          1_440,
          0.5);

  public static final String SECTION = "touches";

  public static TouchSettings read(ConfigNode n) {
    List<String> channels = n.stringList("conversation_channels");
    TouchSettings s =
        new TouchSettings(
            (int) n.integer("template_min_customers", DEFAULTS.templateMinCustomers, 2, 1_000_000),
            (int) n.integer("template_full_fanout", DEFAULTS.templateFullFanout, 2, 1_000_000),
            n.number("similarity", DEFAULTS.similarity, 0.5, 0.99),
            (int) n.integer("burst_customers", DEFAULTS.burstCustomers, 2, 1_000_000),
            (int) n.integer("author_day_customers", DEFAULTS.authorDayCustomers, 2, 1_000_000),
            n.number("burst_factor", DEFAULTS.burstFactor, 1.0, 1_000.0),
            (int) n.integer("bulk_day_customers", DEFAULTS.bulkDayCustomers, 2, 1_000_000),
            (int)
                n.integer("author_minute_customers", DEFAULTS.authorMinuteCustomers, 2, 1_000_000),
            (int) n.integer("auto_reply_minutes", DEFAULTS.autoReplyMinutes, 0, 1_440),
            (int) n.integer("reply_days", DEFAULTS.replyDays, 0, 60),
            n.number("rare_word_share", DEFAULTS.rareWordShare, 0.0001, 1.0),
            (int) n.integer("pickup_minutes", DEFAULTS.pickupMinutes, 0, 1_440),
            channels.isEmpty()
                ? DEFAULTS.conversationChannels
                : channels.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList(),
            n.number("threshold", DEFAULTS.threshold, 0.01, 0.99),
            (int) n.integer("transactional_minutes", DEFAULTS.transactionalMinutes, 0, 7 * 1_440),
            n.number(
                "transactional_template_share", DEFAULTS.transactionalTemplateShare, 0.01, 1.0));
    n.finish();
    return s;
  }

  /** Bands and rows of the MinHash banding whose S-curve turns at {@link #similarity}. */
  public MinHash.Banding banding() {
    return MinHash.Banding.forThreshold(similarity);
  }
}
