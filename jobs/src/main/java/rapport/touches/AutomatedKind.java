package rapport.touches;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import rapport.schema.Columns;
import rapport.schema.Rows;
import rapport.schema.Touches;

/**
 * Why an automated touch was sent: {@link Touches#TRANSACTIONAL} when an order or an inbound
 * request of the customer caused it (receipts, confirmations, auto-replies, reminders of a booked
 * visit), else {@link Touches#OUTREACH} (campaigns, newsletters, birthday sends, rule-triggered
 * recalls, sequences). The first rule that applies decides, and its code joins the reasons:
 *
 * <pre>
 * within auto_reply_minutes of the customer's inbound message, or auto-reply wording
 *                                          transactional  TRANSACTIONAL_AUTO_REPLY
 * a campaign id                            outreach       OUTREACH_CAMPAIGN
 * a template whose messages mostly (transactional_template_share) follow the recipient's own
 *     order within transactional_minutes, or an inbound message within auto_reply_minutes
 *                                          transactional  TRANSACTIONAL_AFTER_ORDER_10MIN
 *                                                         (this message's own order), else
 *                                                         TRANSACTIONAL_TEMPLATE_98PCT
 * receipt, invoice or confirmation wording transactional  TRANSACTIONAL_WORDING
 * a message without a template within transactional_minutes of the customer's order
 *                                          transactional  TRANSACTIONAL_AFTER_ORDER_2H
 * any other template                       outreach       OUTREACH_TEMPLATE
 * anything else                            outreach       OUTREACH_NO_TRIGGER
 * </pre>
 *
 * A template decides for all its messages: a newsletter that lands minutes after one customer's
 * coffee order is still a newsletter, and a receipt whose order was quarantined is still a receipt.
 * Personal and inbound touches have no automated kind.
 */
public final class AutomatedKind {
  private AutomatedKind() {}

  /** The share of the message's template whose messages follow an order or an inbound request. */
  static final String TEMPLATE_TRIGGERED_SHARE = "template_triggered_share";

  /** What the kind of one automated touch is decided from. Nullable boxes are unknowns. */
  public record Evidence(
      boolean hasCampaign,
      boolean autoReplyPhrase,
      boolean transactionalPhrase,
      Double minutesAfterOrder,
      Double minutesAfterInbound,
      Double templateTriggeredShare) {}

  /** The kind and the reason code that decided it. */
  public record Kind(String kind, String reason) {}

  public static Kind of(Evidence e, TouchSettings s) {
    boolean afterInbound =
        e.minutesAfterInbound() != null && e.minutesAfterInbound() <= s.autoReplyMinutes();
    boolean afterOrder =
        e.minutesAfterOrder() != null && e.minutesAfterOrder() <= s.transactionalMinutes();
    if (afterInbound || e.autoReplyPhrase()) {
      return new Kind(Touches.TRANSACTIONAL, "TRANSACTIONAL_AUTO_REPLY");
    }
    if (e.hasCampaign()) {
      return new Kind(Touches.OUTREACH, "OUTREACH_CAMPAIGN");
    }
    Double share = e.templateTriggeredShare();
    if (share != null && share >= s.transactionalTemplateShare()) {
      return new Kind(
          Touches.TRANSACTIONAL,
          afterOrder
              ? afterOrderCode(e.minutesAfterOrder())
              : "TRANSACTIONAL_TEMPLATE_" + Math.round(100 * share) + "PCT");
    }
    if (e.transactionalPhrase()) {
      return new Kind(Touches.TRANSACTIONAL, "TRANSACTIONAL_WORDING");
    }
    if (share != null) {
      return new Kind(Touches.OUTREACH, "OUTREACH_TEMPLATE");
    }
    if (afterOrder) {
      return new Kind(Touches.TRANSACTIONAL, afterOrderCode(e.minutesAfterOrder()));
    }
    return new Kind(Touches.OUTREACH, "OUTREACH_NO_TRIGGER");
  }

  /** TRANSACTIONAL_AFTER_ORDER_10MIN below two hours, else in whole hours (_2H ... _24H). */
  static String afterOrderCode(double minutes) {
    long m = Math.max(0, Math.round(minutes));
    return "TRANSACTIONAL_AFTER_ORDER_" + (m < 120 ? m + "MIN" : Math.round(m / 60.0) + "H");
  }

  /** Receipt, invoice and confirmation wording (lower case, in English and German). */
  static final List<String> TRANSACTIONAL_PHRASES =
      List.of(
          "your receipt",
          "receipt for your",
          "invoice",
          "order confirmation",
          "your order",
          "thank you for your order",
          "thank you for your purchase",
          "booking confirmation",
          "your booking",
          "appointment confirmation",
          "your appointment on",
          "your appointment is",
          "appointment is confirmed",
          "we have received",
          "payment received",
          "has been shipped",
          "shipping confirmation",
          "quittung",
          "rechnung",
          "bestellbestätigung",
          "ihre bestellung",
          "terminbestätigung",
          "ihr termin am");

  static boolean transactionalPhrase(String lowerText) {
    for (String p : TRANSACTIONAL_PHRASES) {
      if (lowerText.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds {@link #TEMPLATE_TRIGGERED_SHARE}: per template id, the share of its messages that came
   * within transactional_minutes of the recipient's order or within auto_reply_minutes of the
   * recipient's inbound message (null without a template id). Needs the timeline's minutes.
   */
  static Dataset<Row> withTemplateTriggers(Dataset<Row> m, TouchSettings s) {
    Column triggered =
        coalesce(col(TimingSignals.MINUTES_AFTER_ORDER).leq(s.transactionalMinutes()), lit(false))
            .or(
                coalesce(
                    col(TimingSignals.MINUTES_AFTER_INBOUND).leq(s.autoReplyMinutes()),
                    lit(false)));
    Dataset<Row> shares =
        m.filter(col(Touches.TEMPLATE_ID).isNotNull())
            .groupBy(Touches.TEMPLATE_ID)
            .agg(
                avg(when(triggered, lit(1.0)).otherwise(lit(0.0)))
                    .cast(DataTypes.DoubleType)
                    .as(TEMPLATE_TRIGGERED_SHARE));
    return m.join(shares, TemplateSignals.seq(Touches.TEMPLATE_ID), "left");
  }

  /** The struct the kind is decided from, in the order of {@link Evidence}. */
  private static final String HAS_CAMPAIGN = "has_campaign";

  static Column evidence() {
    return org.apache.spark.sql.functions.struct(
        col(Columns.CAMPAIGN_ID).isNotNull().as(HAS_CAMPAIGN),
        col(TextSignals.AUTO_PHRASE),
        col(TextSignals.TRANSACTIONAL_PHRASE),
        col(TimingSignals.MINUTES_AFTER_ORDER),
        col(TimingSignals.MINUTES_AFTER_INBOUND),
        col(TEMPLATE_TRIGGERED_SHARE));
  }

  static Evidence read(Row r) {
    return new Evidence(
        Rows.bool(r, HAS_CAMPAIGN),
        Rows.bool(r, TextSignals.AUTO_PHRASE),
        Rows.bool(r, TextSignals.TRANSACTIONAL_PHRASE),
        Rows.optionalNumber(r, TimingSignals.MINUTES_AFTER_ORDER),
        Rows.optionalNumber(r, TimingSignals.MINUTES_AFTER_INBOUND),
        Rows.optionalNumber(r, TEMPLATE_TRIGGERED_SHARE));
  }
}
