package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classifier on the hand-labelled fixture: quality overall and every hard case by name. */
class HandLabelledTouchesTest {
  static Map<String, HandLabelledFixture.Labelled> touches;

  @BeforeAll
  static void classify() {
    touches = HandLabelledFixture.labelled(TouchSettings.DEFAULTS);
  }

  private static List<HandLabelledFixture.Labelled> hardCase(String name) {
    List<HandLabelledFixture.Labelled> out =
        touches.values().stream().filter(t -> t.hardCase().equals(name)).toList();
    assertTrue(!out.isEmpty(), "no fixture rows for " + name);
    return out;
  }

  @Test
  void theFixtureHoldsEnoughLabelledTouches() {
    assertEquals(170, touches.size());
    assertTrue(touches.values().stream().filter(t -> t.truth().equals("personal")).count() >= 50);
  }

  @Test
  void bothClassesReachTheBar() {
    Map<String, Long> counts = new TreeMap<>();
    for (HandLabelledFixture.Labelled t : touches.values()) {
      counts.merge(t.truth() + "|" + t.kind(), 1L, Long::sum);
    }
    List<TouchEvaluation.Cell> cells = new ArrayList<>();
    counts.forEach(
        (k, n) ->
            cells.add(new TouchEvaluation.Cell("all", k.split("\\|")[0], k.split("\\|")[1], n)));
    TouchEvaluation e = TouchEvaluation.of(cells, new TouchEvaluation.Unmatched(0, 0, 0, 0));
    assertTrue(e.quality("automated").f1() >= 0.95, e.quality("automated").toString());
    assertTrue(e.quality("personal").f1() >= 0.95, e.quality("personal").toString());
  }

  @Test
  void everyHardCaseIsClassifiedAsLabelled() {
    TreeSet<String> wrong = new TreeSet<>();
    for (HandLabelledFixture.Labelled t : touches.values()) {
      if (!t.truth().equals(t.kind())) {
        wrong.add(t.id() + " " + t.hardCase() + " -> " + t.kind() + " " + t.reasons());
      }
    }
    assertEquals(new TreeSet<String>(), wrong);
  }

  @Test
  void reasonsNameTheEvidence() {
    assertReason("birthday template with the first name merged", "TEMPLATE_FANOUT_16");
    assertReason("rep sequence e-mail, step 1", "BULK_BURST_8");
    assertReason("voicemail", "VOICEMAIL");
    assertReason("auto-reply", "AUTO_REPLY");
    assertReason("auto-reply without the words, by timing", "AUTO_REPLY");
    assertReason("campaign sent to only three customers, no campaign id", "BULK_BURST_3");
    assertReason("dialler call, many customers in one minute", "AUTHOR_BURST_12");
    assertReason("personal e-mail mentioning the household", "MENTIONS_HOUSEHOLD");
    assertEquals(
        "PICKUP_CHAT_15S", hardCase("pickup chat of about twenty seconds").get(0).reasons().get(0));
    assertEquals(
        "ANSWERED_CALL_41MIN", hardCase("note of a long service call").get(0).reasons().get(0));
    for (HandLabelledFixture.Labelled t : hardCase("customer reply to a personal e-mail")) {
      assertEquals(List.of("CUSTOMER_INITIATED"), t.reasons());
      assertEquals(1.0, t.score());
    }
  }

  private static void assertReason(String hardCase, String code) {
    for (HandLabelledFixture.Labelled t : hardCase(hardCase)) {
      assertTrue(t.reasons().contains(code), t.id() + " " + t.reasons());
    }
  }

  @Test
  void templatesGetOneStableIdAndTheirFanOut() {
    List<HandLabelledFixture.Labelled> birthdays =
        hardCase("birthday template with the first name merged");
    assertEquals(
        1, birthdays.stream().map(HandLabelledFixture.Labelled::templateId).distinct().count());
    assertNotNull(birthdays.get(0).templateId());
    assertTrue(birthdays.get(0).templateId().matches("T[0-9A-F]{16}"));
    assertEquals(16, birthdays.get(0).fanout());
    HandLabelledFixture.Labelled note = hardCase("note of a long service call").get(0);
    assertNull(note.templateId());
    assertEquals(1, note.fanout());
    for (HandLabelledFixture.Labelled t : touches.values()) {
      assertTrue(t.score() >= 0 && t.score() <= 1, t.id());
    }
  }
}
