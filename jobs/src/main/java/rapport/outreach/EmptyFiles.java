package rapport.outreach;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why an outreach file holds fewer rows than the list, in words a CRM administrator can act on: an
 * empty list says how many customers each suppression took; a CRM file says which ids the CRM would
 * not match and what to map instead. IMPORT.md and the report both speak with these words.
 */
public final class EmptyFiles {
  private EmptyFiles() {}

  /** The suppression reasons of the manifest in words, by reason code. */
  static final Map<String, String> SUPPRESSION_WORDS =
      Map.of(
          Eligibility.Suppression.DO_NOT_CONTACT.name(), "do not contact",
          Eligibility.Suppression.CLOSED.name(), "contract closed",
          Eligibility.Suppression.NO_SCORE.name(), "no score",
          Eligibility.Suppression.RECENT_PERSONAL_TOUCH.name(), "recent personal touch");

  /**
   * Why nobody is on this week's list, or empty when somebody is.
   *
   * @param customers customers considered
   * @param suppressed customers left off, by suppression reason code
   * @param candidates customers assigned to a rep (holdout included)
   * @param contacted candidates outside the holdout
   */
  public static Optional<String> emptyList(
      long customers, Map<String, Long> suppressed, long candidates, long contacted) {
    if (contacted > 0) {
      return Optional.empty();
    }
    if (customers == 0) {
      return Optional.of("there are no customers");
    }
    long off = suppressed.values().stream().mapToLong(Long::longValue).sum();
    String reasons = reasons(suppressed);
    if (off >= customers) {
      return Optional.of(
          (customers == 1
                  ? "the one customer is"
                  : customers == 2 ? "both are" : "all " + count(customers) + " are")
              + " suppressed: "
              + reasons);
    }
    long eligible = customers - off;
    StringBuilder s = new StringBuilder();
    s.append(count(eligible)).append(" of ").append(count(customers)).append(" customers eligible");
    if (off > 0) {
      s.append(" (").append(count(off)).append(" suppressed: ").append(reasons).append(")");
    }
    if (candidates == 0) {
      s.append(", but no rep has capacity for them this week (weekly_capacity 0 or no rep)");
    } else {
      s.append(", and all ")
          .append(count(candidates))
          .append(" assigned to reps fell in the random holdout");
    }
    return Optional.of(s.toString());
  }

  /** "30 no score, 5 do not contact", largest first; reason codes not known are named as such. */
  static String reasons(Map<String, Long> suppressed) {
    List<Map.Entry<String, Long>> e = new ArrayList<>(suppressed.entrySet());
    e.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> x : e) {
      parts.add(count(x.getValue()) + " " + SUPPRESSION_WORDS.getOrDefault(x.getKey(), x.getKey()));
    }
    return String.join(", ", parts);
  }

  /**
   * Per CRM file (salesforce, hubspot) that leaves rows of the list out: what the CRM would not
   * match, how often, with an example, and what to do. Files that hold every row are not named.
   *
   * @param contacted rows on the list (the holdout excluded)
   */
  static Map<String, String> crmGaps(long contacted, List<CrmFiles.Unmatched> unmatched) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String target : List.of(CrmFiles.SALESFORCE, CrmFiles.HUBSPOT)) {
      Map<String, List<CrmFiles.Unmatched>> byReason = new LinkedHashMap<>();
      long left = 0;
      for (CrmFiles.Unmatched u : unmatched) {
        if (u.target().equals(target)) {
          byReason.computeIfAbsent(u.reasonCode(), k -> new ArrayList<>()).add(u);
          left++;
        }
      }
      if (left == 0) {
        continue;
      }
      List<String> why = new ArrayList<>();
      byReason.forEach((code, us) -> why.add(words(code, us, contacted)));
      String head =
          left >= contacted
              ? "no rows"
              : String.format(
                  Locale.ROOT, "%s of %s rows", count(contacted - left), count(contacted));
      out.put(target, head + ": " + String.join("; ", why));
    }
    return out;
  }

  private static String words(String code, List<CrmFiles.Unmatched> us, long contacted) {
    CrmFiles.Unmatched first = us.get(0);
    boolean none = us.size() >= contacted;
    String of =
        none ? "none of the " + count(contacted) : count(us.size()) + " of the " + count(contacted);
    return switch (code) {
      case "INVALID_SALESFORCE_WHO_ID" ->
          of
              + " customer ids on the list "
              + (none ? "is a" : "are not")
              + " Salesforce Contact or Lead id"
              + (none ? "" : "s")
              + " (e.g. "
              + first.detail()
              + "); map your Contact Id to customer_id, or set"
              + " outreach.salesforce.contact_external_id_field, or import generic.csv";
      case "INVALID_SALESFORCE_OWNER_ID" ->
          of
              + " rep ids on the list "
              + (none ? "is a" : "are not")
              + " Salesforce User id"
              + (none ? "" : "s")
              + " (e.g. "
              + first.detail()
              + "); map the User Id to rep_id, or set outreach.salesforce.owner_external_id_field";
      case "NO_HUBSPOT_RECORD_ID_OR_EMAIL" ->
          of
              + " customers on the list "
              + (none ? "has" : "have neither")
              + (none ? " a" : "")
              + " HubSpot Record ID as customer_id "
              + (none ? "or" : "nor")
              + " a valid e-mail (e.g. customer "
              + first.row().customerId()
              + "); map Record ID to customer_id or fill the e-mail";
      case "NO_OWNER_EMAIL" ->
          of
              + " rows "
              + (none ? "has a rep with" : "have a rep without")
              + " a valid e-mail in tables/reps (e.g. rep "
              + first.row().repId()
              + "); HubSpot finds owners by e-mail: map the users' e-mail to the reps' email";
      default -> count(us.size()) + " " + code + " (" + first.detail() + ")";
    };
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
