package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextMaskTest {
  final TextMask mask = new TextMask(Set.of("anna", "berg", "tom", "will"));

  private String masked(String subject, String body) {
    return String.join(" ", mask.analyse(subject, body).tokens());
  }

  @Test
  void twoRenderingsOfOneTemplateReadTheSame() {
    String a =
        masked(
            "Happy birthday, Anna!",
            "Dear Anna Berg, your voucher BD-4304 worth EUR 1,500.00 is valid until 2026-07-31."
                + " Details: https://shop.example/v?id=9 or write to help@shop.example");
    String b =
        masked(
            "Happy birthday, Tom!",
            "Dear Tom Berg, your voucher BD-0007 worth 25 € is valid until 31.08.2026. Details:"
                + " www.shop.example/x or write to service@shop.example");
    assertEquals(a, b);
    assertEquals(
        "happy birthday <name> dear <name> your voucher bd <num> worth <amount> is valid until"
            + " <date> details <url> or write to <email>",
        a);
  }

  @Test
  void mergeFieldsLeftUnrenderedAreMasked() {
    assertEquals(
        "hi <field> you have <field> points",
        masked(null, "Hi {{first_name}}, you have %POINTS% points"));
  }

  @Test
  void onlyCapitalisedNamesAreMaskedAndNamesAreReported() {
    TextMask.Analysis a = mask.analyse(null, "Will call Anna; will she come with Tom?");
    assertEquals(
        List.of("<name>", "call", "<name>", "will", "she", "come", "with", "<name>"), a.tokens());
    assertEquals(List.of("will", "anna", "tom"), a.names());
  }

  @Test
  void weekdaysAndMonthsAreDates() {
    assertEquals(
        masked(null, "see you on Monday in May"), masked(null, "see you on Friday in June"));
  }

  @Test
  void contentWordsSkipNamesNumbersAndStopWords() {
    TextMask.Analysis a =
        mask.analyse(null, "Anna said the kitchen renovation is done, 3 weeks late");
    assertEquals(List.of("kitchen", "renovation", "weeks", "late"), a.words());
  }

  @Test
  void autoReplyWording() {
    assertTrue(mask.analyse("Automatic reply: Appointment", "We got it.").autoReplyPhrase());
    assertTrue(mask.analyse(null, "Abwesenheitsnotiz: bis Montag").autoReplyPhrase());
    assertFalse(mask.analyse("Re: Appointment", "Thursday works, see you.").autoReplyPhrase());
  }

  @Test
  void emptyTextHasNoTokens() {
    assertTrue(mask.analyse(null, null).tokens().isEmpty());
    assertTrue(mask.analyse("  ", "").tokens().isEmpty());
  }
}
