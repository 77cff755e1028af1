package rapport.generate.export;

import rapport.domain.SalesforceIds;

/**
 * Record ids shaped like each CRM's own. Salesforce: 15 case-sensitive characters (a
 * three-character key prefix of the object, a two-character pod, a base-62 serial) and the
 * 18-character case-safe form with the checksum {@link SalesforceIds#suffix}. HubSpot: positive
 * integers. Serials advance by a stride so that neighbouring records do not differ in one character
 * only, as real ones do not.
 */
final class ExportIds {
  private ExportIds() {}

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String POD = "Dn";
  private static final long STRIDE = 7_919;

  /** Salesforce key prefixes of the objects an export holds. */
  static final String ACCOUNT = "001";

  static final String CONTACT = "003";
  static final String USER = "005";
  static final String OPPORTUNITY = "006";
  static final String TASK = "00T";
  static final String EVENT = "00U";
  static final String CAMPAIGN = "701";

  /**
   * The 18-character Salesforce id of serial {@code n} (0, 1, ...) of the object {@code prefix}.
   */
  static String salesforce(String prefix, long n) {
    StringBuilder serial = new StringBuilder();
    long v = 1_000_003L + n * STRIDE;
    for (int i = 0; i < 10; i++) {
      serial.append(BASE62.charAt((int) (v % 62)));
      v /= 62;
    }
    String id15 = prefix + POD + serial.reverse();
    return id15 + SalesforceIds.suffix(id15);
  }

  /** The HubSpot Record ID of serial {@code n} of an object whose ids start at {@code base}. */
  static String hubspot(long base, long n) {
    return String.valueOf(base + n * 37);
  }
}
