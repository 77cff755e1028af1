package rapport.generate.touch;

import static rapport.generate.touch.TouchKind.AUTOMATED;
import static rapport.generate.touch.TouchKind.INBOUND;
import static rapport.generate.touch.TouchKind.PERSONAL;

/**
 * Every kind of touch the world produces, with its true class and what becomes of it once the
 * customer has dropped out (without a contract the business does not know they have gone).
 */
public enum TouchType {
  BIRTHDAY_EMAIL(AUTOMATED, AfterDropout.CONTINUES),
  BIRTHDAY_SMS(AUTOMATED, AfterDropout.CONTINUES),
  CAMPAIGN(AUTOMATED, AfterDropout.CONTINUES),
  NEWSLETTER(AUTOMATED, AfterDropout.CONTINUES),
  RECALL_NOTICE(AUTOMATED, AfterDropout.CONTINUES),
  TINY_CAMPAIGN(AUTOMATED, AfterDropout.CONTINUES),
  SERVICE_REMINDER(AUTOMATED, AfterDropout.CONTINUES),
  SEQUENCE(AUTOMATED, AfterDropout.CONTINUES),
  RECEIPT(AUTOMATED, AfterDropout.STOPS),
  AUTO_REPLY(AUTOMATED, AfterDropout.STOPS),
  CALL(PERSONAL, AfterDropout.THINS),
  CALL_LOGGED(PERSONAL, AfterDropout.THINS),
  VOICEMAIL(PERSONAL, AfterDropout.THINS),
  VISIT(PERSONAL, AfterDropout.STOPS),
  SERVICE_CALL(PERSONAL, AfterDropout.STOPS),
  EMAIL(PERSONAL, AfterDropout.THINS),
  TEXT(PERSONAL, AfterDropout.THINS),
  SHORT_TEXT(PERSONAL, AfterDropout.THINS),
  PICKUP_CHAT(PERSONAL, AfterDropout.STOPS),
  REPLY(INBOUND, AfterDropout.STOPS),
  INQUIRY(INBOUND, AfterDropout.STOPS),
  INBOUND_CALL(INBOUND, AfterDropout.STOPS),
  WALK_IN(INBOUND, AfterDropout.STOPS);

  /** What happens to a planned touch after the customer dropped out (no contract). */
  public enum AfterDropout {
    /** Rule-driven sends go on until the customer unsubscribes. */
    CONTINUES,
    /** Tied to the customer's own activity: gone. */
    STOPS,
    /** The rep still reaches out, less often, and calls end on the mailbox. */
    THINS
  }

  private final TouchKind kind;
  private final AfterDropout afterDropout;

  TouchType(TouchKind kind, AfterDropout afterDropout) {
    this.kind = kind;
    this.afterDropout = afterDropout;
  }

  public TouchKind kind() {
    return kind;
  }

  public AfterDropout afterDropout() {
    return afterDropout;
  }

  /**
   * The true kind of an automated touch, as written to truth/touch_labels.csv: {@code
   * transactional} when the customer's own order or message caused it (receipts, auto-replies),
   * {@code outreach} for every send the business decided on (birthdays, campaigns, newsletters,
   * recall notices, sequences, and the yearly service reminder, which a rule sends on the
   * anniversary of the purchase, not a booked visit); null for personal and inbound touches.
   */
  public String automatedKind() {
    if (kind != AUTOMATED) {
      return null;
    }
    return this == RECEIPT || this == AUTO_REPLY ? "transactional" : "outreach";
  }
}
