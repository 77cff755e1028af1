package rapport.generate.touch;

import rapport.generate.world.Business;
import rapport.generate.world.Campaign;
import rapport.generate.world.Rep;

/**
 * A touch on the customer's path before its text is written.
 *
 * @param author the rep (or barista) who acts, null for system sends
 * @param campaign the campaign of a campaign-like send, else null
 * @param step the step of a sequence, or the index of the triggering order for receipts
 * @param business the brand it is sent under
 */
public record Planned(
    long at,
    TouchType type,
    Rep author,
    Campaign campaign,
    int step,
    Business business,
    String channel) {

  public Planned withType(TouchType t, String ch) {
    return new Planned(at, t, author, campaign, step, business, ch);
  }
}
