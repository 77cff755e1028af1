package rapport.touches;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what a CRM merges into a template, so that every rendering of one template reads the same:
 * unrendered merge fields, e-mail addresses, URLs, amounts, dates and times, numbers and codes, and
 * people's names (any capitalised word that is a first or last name in the customer or rep tables).
 * What is left is the template's own wording, lower-cased and tokenised.
 */
public final class TextMask implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String NAME = "<name>";
  public static final String NUMBER = "<num>";

  /** A masked text and what the other signals need from it. */
  public record Analysis(
      List<String> tokens,
      List<String> names,
      List<String> words,
      boolean autoReplyPhrase,
      boolean transactionalPhrase) {}

  private static final Pattern MERGE_FIELD =
      Pattern.compile("\\{\\{?[^{}\\n]{1,40}}}?|%[A-Z][A-Z_]{1,30}%|\\[[A-Z][A-Za-z _]{1,30}]");
  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  private static final Pattern URL =
      Pattern.compile(
          "(?:https?://|www\\.)\\S+|\\b[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+/\\S*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern AMOUNT =
      Pattern.compile(
          "(?:€|\\$|£|\\b(?:EUR|USD|GBP|CHF)\\b)\\s?\\d[\\d.,']*|\\d[\\d.,']*\\s?(?:€|\\$|£|\\b(?:EUR|USD|GBP|CHF)\\b)");
  private static final Pattern DATE =
      Pattern.compile(
          "\\b\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?\\b"
              + "|\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b|\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\b");
  private static final Pattern TOKEN = Pattern.compile("<\\w+>|[\\p{L}\\p{N}]+");

  private static final Set<String> CALENDAR_WORDS =
      Set.of(
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "montag",
          "dienstag",
          "mittwoch",
          "donnerstag",
          "freitag",
          "samstag",
          "sonntag",
          "januar",
          "februar",
          "märz",
          "juni",
          "juli",
          "oktober",
          "dezember");

  /** Words too common to say anything about one customer (English and German). */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "that",
          "this",
          "with",
          "have",
          "from",
          "your",
          "will",
          "just",
          "what",
          "when",
          "they",
          "them",
          "there",
          "their",
          "been",
          "were",
          "about",
          "would",
          "could",
          "should",
          "also",
          "very",
          "some",
          "more",
          "much",
          "than",
          "then",
          "into",
          "only",
          "over",
          "such",
          "here",
          "well",
          "good",
          "like",
          "know",
          "thanks",
          "thank",
          "hope",
          "best",
          "regards",
          "dear",
          "hello",
          "please",
          "next",
          "again",
          "still",
          "last",
          "let",
          "want",
          "need",
          "does",
          "done",
          "said",
          "says",
          "told",
          "asked",
          "called",
          "call",
          "week",
          "today",
          "time",
          "back",
          "soon",
          "great",
          "nice",
          "sure",
          "really",
          "anything",
          "something",
          "und",
          "oder",
          "aber",
          "nicht",
          "eine",
          "einen",
          "einem",
          "einer",
          "sich",
          "auch",
          "noch",
          "wird",
          "sind",
          "haben",
          "ihre",
          "ihren",
          "ihnen",
          "dass",
          "wenn",
          "mit");

  private static final List<String> AUTO_REPLY_PHRASES =
      List.of(
          "automatic reply",
          "auto-reply",
          "autoreply",
          "automatic confirmation",
          "this is an automated",
          "this is an automatic",
          "out of office",
          "automatische antwort",
          "abwesenheitsnotiz",
          "do not reply to this");

  private static final int MAX_WORDS = 32;

  private final Set<String> names;

  /**
   * @param names lower-cased first and last names of people in the customer and rep tables
   */
  public TextMask(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  public Analysis analyse(String subject, String body) {
    String raw = join(subject, body);
    String lower = raw.toLowerCase(Locale.ROOT);
    boolean auto = AUTO_REPLY_PHRASES.stream().anyMatch(lower::contains);
    String s = replace(MERGE_FIELD, raw, " <field> ");
    s = replace(EMAIL, s, " <email> ");
    s = replace(URL, s, " <url> ");
    s = replace(AMOUNT, s, " <amount> ");
    s = replace(DATE, s, " <date> ");
    List<String> tokens = new ArrayList<>();
    Set<String> found = new LinkedHashSet<>();
    Set<String> words = new LinkedHashSet<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      String t = m.group();
      String low = t.toLowerCase(Locale.ROOT);
      String out;
      if (t.charAt(0) == '<') {
        out = low;
      } else if (hasDigit(t)) {
        out = NUMBER;
      } else if (Character.isUpperCase(t.charAt(0)) && names.contains(low)) {
        out = NAME;
        found.add(low);
      } else if (CALENDAR_WORDS.contains(low)) {
        out = "<date>";
      } else {
        out = low;
        if (low.length() >= 4 && !STOP_WORDS.contains(low) && words.size() < MAX_WORDS) {
          words.add(low);
        }
      }
      if (out.charAt(0) == '<' && !tokens.isEmpty() && tokens.get(tokens.size() - 1).equals(out)) {
        continue;
      }
      tokens.add(out);
    }
    return new Analysis(
        tokens,
        List.copyOf(found),
        List.copyOf(words),
        auto,
        AutomatedKind.transactionalPhrase(lower));
  }

  private static String join(String subject, String body) {
    if (subject == null || subject.isBlank()) {
      return body == null ? "" : body;
    }
    return body == null || body.isBlank() ? subject : subject + "\n" + body;
  }

  private static String replace(Pattern p, String s, String with) {
    return p.matcher(s).replaceAll(Matcher.quoteReplacement(with));
  }

  private static boolean hasDigit(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isDigit(t.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
