package rapport.generate.world;

/**
 * One send of the campaign calendar.
 *
 * @param business the business whose customers are addressed; null addresses everyone
 * @param share the chance that an eligible customer is in the audience
 * @param template index into the template family of the kind
 * @param model for recalls, the affected car model
 * @param audience for the tiny campaigns, the exact customer indices addressed
 */
public record Campaign(
    String id,
    Kind kind,
    Business business,
    String channel,
    long day,
    int secondOfDay,
    double share,
    int template,
    String model,
    int[] audience) {

  public enum Kind {
    /** A marketing campaign with merge fields. */
    CAMPAIGN,
    /** A newsletter: the same text for every subscriber, no merge fields. */
    BULK,
    /** A manufacturer recall notice to the owners of one model. */
    RECALL,
    /** A campaign sent to only three customers: a template nonetheless. */
    TINY
  }

  public boolean addresses(int customerIndex) {
    for (int a : audience) {
      if (a == customerIndex) {
        return true;
      }
    }
    return false;
  }
}
