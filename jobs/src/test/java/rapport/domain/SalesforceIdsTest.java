package rapport.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalesforceIdsTest {
  @Test
  void fifteenBecomesEighteenWithTheCaseSafeSuffix() {
    // the example of Salesforce's "What is a Salesforce ID?" article
    assertEquals("AAR", SalesforceIds.suffix("0015000000Gv7qJ"));
    assertEquals(
        Optional.of("0035000000AbCdEAAV"),
        SalesforceIds.normalize("0035000000AbCdE", SalesforceIds.WHO_PREFIXES).id());
    assertEquals(
        Optional.of("00Q000000000zZzEAI"),
        SalesforceIds.normalize("00Q000000000zZz", SalesforceIds.WHO_PREFIXES).id());
    assertEquals(
        Optional.of("003000000000aXyAAI"),
        SalesforceIds.normalize("003000000000aXyAAI", SalesforceIds.WHO_PREFIXES).id());
  }

  @Test
  void invalidIdsSayWhy() {
    assertTrue(SalesforceIds.normalize("C0000005").problem().contains("15 or 18"));
    assertTrue(SalesforceIds.normalize("003000000000aXyAAA").problem().contains("checksum AAI"));
    assertTrue(SalesforceIds.normalize("003000000000aX-").problem().contains("letters and digits"));
    assertTrue(
        SalesforceIds.normalize("0015000000Gv7qJ", SalesforceIds.WHO_PREFIXES)
            .problem()
            .contains("starts with 001, not 003 or 00Q"));
    assertTrue(SalesforceIds.normalize(null).problem().contains("no id"));
  }
}
