package rapport.generate.text;

import java.util.ArrayList;
import java.util.List;
import rapport.generate.purchase.Rng;
import rapport.generate.world.Customer;
import rapport.generate.world.Person;

/**
 * The merge values of one customer's life, for filling fragments, and the fragments that this
 * customer's facts allow (no talk of children in a household without any).
 */
final class Facts {
  final Customer c;
  final boolean you;
  final String[] values;
  final String[] pronouns;

  Facts(Customer c, Rng rng) {
    this(c, rng, false);
  }

  /** With {@code you}, pronouns address the customer ("your knee"), as in e-mails and texts. */
  Facts(Customer c, Rng rng, boolean you) {
    this.c = c;
    Person kid = c.children().isEmpty() ? null : rng.pick(c.children());
    String place = rng.pick(Vocabulary.PLACES);
    String event = String.format(rng.pick(c.hobby().events()), place);
    this.you = you;
    this.values =
        new String[] {
          "first", c.firstName(),
          "spouse", c.spouse() == null ? null : c.spouse().firstName(),
          "kid", kid == null ? null : kid.firstName(),
          "kid_rel", kid == null ? null : kid.describedBy(c.female()),
          "model", c.carModel(),
          "spouse_model", c.spouseCarModel(),
          "hobby", c.hobby().name(),
          "item", c.hobby().item(),
          "event", event,
          "hometown", c.hometown(),
          "pet", c.pet(),
          "job", c.spouseJob(),
          "place", place,
          "weekday", rng.pick(WEEKDAYS)
        };
    this.pronouns =
        new String[] {
          "he", you ? "you" : c.pronoun(),
          "He", you ? "You" : c.female() ? "She" : "He",
          "his", you ? "your" : c.possessive(),
          "His", you ? "Your" : c.female() ? "Her" : "His",
          "him", you ? "you" : c.female() ? "her" : "him"
        };
  }

  static final String[] WEEKDAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };

  /** Fills the extra pairs (topic, rep_first...) first, then the customer's facts. */
  String fill(String pattern, String... extras) {
    return Templates.fillFrom(pattern, extras, values, pronouns);
  }

  /** The {fragment, topic} pairs this customer's facts fill, the fragment filled. */
  List<String[]> usablePairs(String[][] pool) {
    List<String[]> out = new ArrayList<>();
    for (String[] p : pool) {
      String f = fill(p[0]);
      // The topic keeps its pronouns open, to be said in the voice of the later note.
      String t = Templates.fillFrom(p[1], values);
      if (f.indexOf('{') < 0 && fill(t).indexOf('{') < 0) {
        out.add(new String[] {f, t});
      }
    }
    return out;
  }

  /** The fragments of a pool whose placeholders this customer can fill, filled. */
  List<String> usable(String[] pool, String... extras) {
    List<String> out = new ArrayList<>();
    for (String p : pool) {
      String f = fill(p, extras);
      if (f.indexOf('{') < 0) {
        out.add(f);
      }
    }
    return out;
  }
}
