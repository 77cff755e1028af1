package rapport.outreach;

import java.util.List;

/**
 * The fixed vocabulary that turns notes into talking points and concerns. A note is never exported:
 * only the phrases below whose pattern it matches, so a talking point can hold no name, number or
 * place, and no text of any note (SPEC §7: "derived and length-capped; raw note text is never
 * exported"). Patterns are Java regular expressions matched case-insensitively against the subject
 * and body; the order is the order of preference.
 */
public final class Vocabulary {
  private Vocabulary() {}

  /** A phrase and the pattern that finds it. */
  public record Term(String phrase, String pattern) {
    public String regex() {
      return "(?i)" + pattern;
    }
  }

  /** Topics of the customer's life and car worth asking about again. */
  public static final List<Term> TOPICS =
      List.of(
          new Term("kitchen renovation", "kitchen|renovat"),
          new Term(
              "flat or house search", "bigger flat|flat hunt|new flat|house hunt|the flat near"),
          new Term("family back home", "back home|see family|weather back"),
          new Term("recent trip", "weekend at|weekend away|back from|holiday|trip to|photos from"),
          new Term("recovery after surgery", "knee surgery|recovering from|walking again|physio"),
          new Term("their pet", "puppy|dog\\b|beagle|labrador|dachshund|tomcat|\\bcat\\b|kitten"),
          new Term("school start", "starts school|first school year"),
          new Term("exams", "exam"),
          new Term("driving test", "driving test|driving licen"),
          new Term("apprenticeship", "apprenticeship"),
          new Term("new job", "new job|just started at|settling in at"),
          new Term("university", "universit"),
          new Term("anniversary", "anniversary|wedding"),
          new Term("new baby", "\\bbaby\\b|pregnan"),
          new Term("cycling", "gravel|cycling|\\bbike\\b"),
          new Term("choir", "choir"),
          new Term("climbing", "climbing"),
          new Term("birdwatching", "birdwatch"),
          new Term("gardening", "garden|allotment"),
          new Term("football", "football"),
          new Term("interest in an electric car", "electric car"),
          new Term("lease ending", "\\blease\\b"),
          new Term("winter tyres", "tyre|\\btire"),
          new Term("bumper repair", "bumper"),
          new Term("infotainment glitch", "infotainment"),
          new Term("brakes", "brake"),
          new Term("roof box", "roof box"),
          new Term("pick-up service", "collect the car|pick up the .{1,30} for service"),
          new Term("prefers late calls", "prefers calls after"),
          new Term("summer party", "summer party"),
          new Term("new models", "new models|brochure|test drive"),
          new Term("catering", "catering"));

  /** Concerns that make an occasion while no personal touch has followed them. */
  public static final List<Term> CONCERNS =
      List.of(
          new Term("safety recall", "recall|rückruf"),
          new Term("complaint", "complain|beschwerde|unhappy|disappointed|frustrat|angry"),
          new Term("warning light", "warning light"),
          new Term("car fault", "noise|rattle|draining|musty|freezes"),
          new Term("payment problem", "did not accept|declined|payment fail"),
          new Term("billing question", "invoice|refund|overcharg"));
}
