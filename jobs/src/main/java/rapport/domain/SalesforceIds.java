package rapport.domain;

import java.util.Optional;

/**
 * Salesforce record ids: 15 characters, case-sensitive, or 18 with a case-safe suffix. The suffix
 * encodes, for each block of five characters, which are upper-case letters as a 5-bit number (bit i
 * for character i) indexing {@code A-Z0-5}; Salesforce documents it in "What is a Salesforce ID?"
 * and implements it as {@code CASESAFEID()}.
 */
public final class SalesforceIds {
  private SalesforceIds() {}

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  /** Contact and Lead (the two objects a Task's WhoId can point to). */
  public static final String[] WHO_PREFIXES = {"003", "00Q"};

  /** User (a Task's owner). */
  public static final String[] OWNER_PREFIXES = {"005"};

  /** The 18-character form of a valid id with one of {@code prefixes}, or why it is not one. */
  public static Result normalize(String id, String... prefixes) {
    if (id == null || id.isEmpty()) {
      return Result.invalid("no id");
    }
    if (!(id.length() == 15 || id.length() == 18) || !id.chars().allMatch(SalesforceIds::alnum)) {
      return Result.invalid("'" + id + "' is not 15 or 18 letters and digits");
    }
    String base = id.substring(0, 15);
    String full = base + suffix(base);
    if (id.length() == 18 && !id.equals(full)) {
      return Result.invalid(
          "the last three characters of '" + id + "' are not its checksum " + full.substring(15));
    }
    boolean prefixOk = prefixes.length == 0;
    for (String p : prefixes) {
      prefixOk |= base.startsWith(p);
    }
    if (!prefixOk) {
      return Result.invalid(
          "'"
              + id
              + "' starts with "
              + base.substring(0, 3)
              + ", not "
              + String.join(" or ", prefixes));
    }
    return new Result(Optional.of(full), null);
  }

  /** The three-character case-safe suffix of a 15-character id. */
  public static String suffix(String id15) {
    StringBuilder s = new StringBuilder(3);
    for (int block = 0; block < 3; block++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id15.charAt(block * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      s.append(ALPHABET.charAt(bits));
    }
    return s.toString();
  }

  private static boolean alnum(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** An 18-character id, or the reason there is none. */
  public record Result(Optional<String> id, String problem) {
    static Result invalid(String problem) {
      return new Result(Optional.empty(), problem);
    }
  }
}
