package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.config.RapportConfig;
import rapport.errors.RapportException;

class TouchSettingsTest {
  @TempDir Path dir;

  private RapportConfig load(String touches) throws IOException {
    Files.writeString(dir.resolve("orders.csv"), "order_id,customer_id,ordered_at,amount\n");
    Path f = dir.resolve("rapport.yaml");
    Files.writeString(f, "as_of: 2026-06-30\ninputs:\n  orders: {path: orders.csv}\n" + touches);
    return Stages.loadConfig(f);
  }

  @Test
  void anAbsentSectionReadsAsTheDefaults() throws IOException {
    assertEquals(TouchSettings.DEFAULTS, load("").section(TouchSettings.class));
  }

  @Test
  void keysOverrideDefaults() throws IOException {
    TouchSettings s =
        load("touches:\n  burst_customers: 5\n  conversation_channels: [Phone, video]\n")
            .section(TouchSettings.class);
    assertEquals(5, s.burstCustomers());
    assertEquals(List.of("phone", "video"), s.conversationChannels());
    assertEquals(TouchSettings.DEFAULTS.threshold(), s.threshold());
  }

  @Test
  void unknownKeysAndBadValuesAreUsageErrors() {
    RapportException unknown =
        assertThrows(RapportException.class, () -> load("touches:\n  burst: 5\n"));
    assertTrue(unknown.getMessage().contains("unknown key 'touches.burst'"), unknown.getMessage());
    RapportException bad =
        assertThrows(RapportException.class, () -> load("touches:\n  threshold: 2\n"));
    assertTrue(bad.getMessage().contains("touches.threshold"), bad.getMessage());
    assertEquals(2, bad.exitCode().code());
  }

  @Test
  void theDefaultBandingTurnsAtTheDefaultSimilarity() {
    assertEquals(0.8, TouchSettings.DEFAULTS.banding().threshold(), 0.03);
  }
}
