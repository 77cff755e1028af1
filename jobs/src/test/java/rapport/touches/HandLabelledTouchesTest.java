package rapport.touches;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classifier on the hand-labelled fixture: quality overall and every hard case by name. */
class HandLabelledTouchesTest {
  static Map<String, HandLabelledFixture.Labelled> touches;

  @BeforeAll
  static void classify() {
    touches = HandLabelledFixture.labelled(TouchSettings.DEFAULTS);
  }

  @Test
  void printsForReview() {
    for (HandLabelledFixture.Labelled t : touches.values()) {
      System.out.printf(
          "%s %-10s %-10s %.3f %-60s %s %d %s%n",
          t.id(),
          t.truth(),
          t.kind(),
          t.score(),
          t.hardCase(),
          t.templateId(),
          t.fanout(),
          t.reasons());
    }
  }
}
