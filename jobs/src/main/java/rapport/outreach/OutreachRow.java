package rapport.outreach;

import java.time.LocalDate;
import java.util.List;

/**
 * One row of the week's list on the driver, as it goes into {@code tables/outreach} and the CRM
 * files. {@code customerEmail} and {@code repEmail} are carried for the HubSpot file only.
 */
public record OutreachRow(
    LocalDate asOf,
    Integer rank,
    String customerId,
    String repId,
    String ownerRepId,
    boolean isHandoff,
    boolean isHoldout,
    double priority,
    double expectedValueAtRisk,
    double touchEffect,
    double retentionProbability,
    double expectedValue,
    Double relationshipScore,
    List<String> reasonCodes,
    String occasion,
    String talkingPoints,
    LocalDate dueDate,
    boolean hasOpenConcern,
    String customerEmail,
    String repEmail) {

  public OutreachRow withRank(int r) {
    return new OutreachRow(
        asOf,
        r,
        customerId,
        repId,
        ownerRepId,
        isHandoff,
        isHoldout,
        priority,
        expectedValueAtRisk,
        touchEffect,
        retentionProbability,
        expectedValue,
        relationshipScore,
        reasonCodes,
        occasion,
        talkingPoints,
        dueDate,
        hasOpenConcern,
        customerEmail,
        repEmail);
  }
}
