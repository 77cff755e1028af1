package rapport.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Stages;
import rapport.config.RapportConfig;
import rapport.generate.purchase.Latent;
import rapport.generate.purchase.PurchaseModel;
import rapport.generate.touch.TouchPlanner;
import rapport.schema.Contract;
import rapport.schema.Schemas;

/** A world of a few thousand customers, checked against the parameters it was made from. */
class GeneratedWorldTest {
  @TempDir static Path dir;
  static Path world;
  static JsonNode parameters;
  static Map<String, List<CSVRecord>> tables = new HashMap<>();
  static Map<String, BadRowAudit> audits = new HashMap<>();

  @BeforeAll
  static void generate() throws IOException {
    world = dir.resolve("world");
    new Generator(TestWorlds.options(2500, 0.01, world)).run();
    parameters = new ObjectMapper().readTree(world.resolve("truth/parameters.json").toFile());
    Set<String> customers = Set.of();
    for (Contract c : Schemas.INPUTS) {
      List<CSVRecord> records = TestWorlds.read(world, c.name());
      tables.put(c.name(), records);
      BadRowAudit audit = new BadRowAudit(c, c.columnNames(), records, customers);
      audits.put(c.name(), audit);
      if (c == Schemas.CUSTOMERS) {
        customers = audit.validKeys;
      }
    }
  }

  @Test
  void badRowCountsAreExactPerInputAndReason() {
    for (Contract c : Schemas.INPUTS) {
      Map<String, Long> claimed = new TreeMap<>();
      parameters
          .path("bad_rows")
          .path(c.name())
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().asLong() > 0) {
                  claimed.put(e.getKey(), e.getValue().asLong());
                }
              });
      assertEquals(claimed, audits.get(c.name()).reasons, "bad rows of " + c.name());
    }
    // Every reason that applies to orders and interactions occurs at this share.
    assertEquals(8, audits.get("orders").reasons.size());
    assertEquals(8, audits.get("interactions").reasons.size());
  }

  @Test
  void cleanRowsAreTheWorldAndBadRowsStayOutOfTheTruth() {
    JsonNode counts = parameters.path("counts");
    assertEquals(counts.path("customers").asLong(), audits.get("customers").valid);
    assertEquals(counts.path("orders").asLong(), audits.get("orders").valid);
    assertEquals(counts.path("interactions").asLong(), audits.get("interactions").valid);
    List<CSVRecord> labels = TestWorlds.read(world.resolve("truth"), "touch_labels");
    Set<String> labelled = new HashSet<>();
    labels.forEach(r -> labelled.add(r.get("interaction_id")));
    assertEquals(labels.size(), labelled.size(), "one label per interaction");
    assertEquals(audits.get("interactions").validKeys, labelled);
  }

  @Test
  void inputsEndBeforeAsOfAndFutureOrdersFollowWithinAYear() {
    OffsetDateTime asOf = OffsetDateTime.parse("2026-06-30T00:00:00+02:00");
    for (CSVRecord r : cleanOf("orders")) {
      assertTrue(OffsetDateTime.parse(r.get("ordered_at")).isBefore(asOf), r.toString());
    }
    for (CSVRecord r : cleanOf("interactions")) {
      assertTrue(OffsetDateTime.parse(r.get("occurred_at")).isBefore(asOf), r.toString());
    }
    List<CSVRecord> future = TestWorlds.read(world.resolve("truth"), "future_orders");
    assertFalse(future.isEmpty());
    for (CSVRecord r : future) {
      OffsetDateTime t = OffsetDateTime.parse(r.get("ordered_at"));
      assertTrue(t.isAfter(asOf) && !t.isAfter(asOf.plusDays(365)), r.toString());
    }
  }

  @Test
  void labelsAgreeWithTheRecordedShareOfPersonalTouches() {
    Map<String, Long> kinds = new TreeMap<>();
    TestWorlds.read(world.resolve("truth"), "touch_labels")
        .forEach(r -> kinds.merge(r.get("touch_kind"), 1L, Long::sum));
    JsonNode recorded = parameters.path("counts").path("touch_kinds");
    for (String k : List.of("automated", "personal", "inbound")) {
      assertEquals(recorded.path(k).asLong(), kinds.get(k), k);
    }
    double personalShare =
        kinds.get("personal") / (double) (kinds.get("personal") + kinds.get("automated"));
    // A world of mostly automated contact in which personal touches are common enough to matter.
    assertTrue(personalShare > 0.12 && personalShare < 0.4, "personal share " + personalShare);
  }

  /**
   * Pickup chats happen on a share PICKUP_CHAT × strength of coffee orders, so chats per coffee
   * order estimate PICKUP_CHAT × E[strength] = PICKUP_CHAT × a / (a + b).
   */
  @Test
  void pickupChatsPerCoffeeOrderMatchTheirRate() {
    long coffeeOrders =
        cleanOf("orders").stream().filter(r -> r.get("location_id").startsWith("KB")).count();
    long chats =
        cleanOf("interactions").stream()
            .filter(r -> r.get("channel").equals("in_person"))
            .filter(r -> r.get("direction").equals("outbound"))
            .filter(r -> Integer.parseInt(r.get("duration_seconds")) <= 40)
            .count();
    double expected =
        TouchPlanner.PICKUP_CHAT * Latent.STRENGTH_A / (Latent.STRENGTH_A + Latent.STRENGTH_B);
    double observed = chats / (double) coffeeOrders;
    // Strength weights customers unequally (strong ties live longer and order more), so allow
    // a relative tolerance of 25% around the unweighted expectation.
    assertEquals(expected, observed, 0.25 * expected, "chats per coffee order");
  }

  /**
   * Purchase rates: the method of moments on the customers' latent weekly coffee rates recovers the
   * Gamma's r and α; and the orders in the files are the Poisson counts of those rates: the repeat
   * orders over each customer's time alive before as-of sum to Σ λ·T (a martingale, so it holds
   * although dropout depends on the path).
   */
  @Test
  void purchaseRatesAreRecoveredFromTheGeneratedWorld() {
    List<CSVRecord> truth = TestWorlds.read(world.resolve("truth"), "customers");
    double n = 0, sum = 0, sumSq = 0;
    for (CSVRecord r : truth) {
      if (!r.get("coffee_rate_per_week").isEmpty()) {
        double x = Double.parseDouble(r.get("coffee_rate_per_week"));
        n++;
        sum += x;
        sumSq += x * x;
      }
    }
    double mean = sum / n;
    double var = sumSq / n - mean * mean;
    PurchaseModel coffee = PurchaseModel.COFFEE;
    // Gamma(r, rate α): mean r/α, variance r/α².
    assertEquals(coffee.r(), mean * mean / var, 0.2 * coffee.r(), "r");
    assertEquals(coffee.alpha(), mean / var, 0.2 * coffee.alpha(), "alpha");

    OffsetDateTime asOf = OffsetDateTime.parse("2026-06-30T00:00:00+02:00");
    Map<String, Integer> coffeeOrders = new HashMap<>();
    cleanOf("orders").stream()
        .filter(r -> r.get("location_id").startsWith("KB"))
        .forEach(r -> coffeeOrders.merge(r.get("customer_id"), 1, Integer::sum));
    double observed = 0;
    double expected = 0;
    for (CSVRecord r : truth) {
      if (r.get("coffee_rate_per_week").isEmpty()) {
        continue;
      }
      OffsetDateTime since =
          java.time.LocalDate.parse(r.get("customer_since"))
              .atStartOfDay(GenerateOptions.DEFAULT_ZONE)
              .toOffsetDateTime();
      OffsetDateTime end =
          r.get("dropout_at").isEmpty() ? asOf : OffsetDateTime.parse(r.get("dropout_at"));
      end = end.isAfter(asOf) ? asOf : end;
      double weeks = java.time.Duration.between(since, end).getSeconds() / (7 * 86_400.0);
      expected += Double.parseDouble(r.get("coffee_rate_per_week")) * weeks;
      // The first order opens the relationship; the rest are the Poisson arrivals.
      observed += coffeeOrders.getOrDefault(r.get("customer_id"), 0) - 1;
    }
    assertEquals(1.0, observed / expected, 0.05, "repeat coffee orders / Σ λT");
  }

  /** Gamma-Gamma: the mean coffee order value is p·γ/(q−1). */
  @Test
  void orderValuesFollowTheGammaGammaMean() {
    PurchaseModel coffee = PurchaseModel.COFFEE;
    double expected = coffee.spendP() * coffee.spendGamma() / (coffee.spendQ() - 1);
    double sum = 0;
    long n = 0;
    for (CSVRecord r : cleanOf("orders")) {
      if (r.get("location_id").startsWith("KB")) {
        sum += Double.parseDouble(r.get("amount"));
        n++;
      }
    }
    assertEquals(expected, sum / n, 0.1 * expected, "mean coffee order value");
  }

  /**
   * Coffee campaigns merge only the first name and numbers (points, codes), newsletters nothing:
   * masked, each campaign is one text. Call notes are composed, so nearly all differ.
   */
  @Test
  void templatesDifferOnlyInMergeFieldsAndPersonalNotesDiffer() {
    Map<String, String> firstNames = new HashMap<>();
    cleanOf("customers").forEach(r -> firstNames.put(r.get("customer_id"), r.get("first_name")));
    Map<String, Set<String>> masked = new TreeMap<>();
    Set<String> callNotes = new HashSet<>();
    long calls = 0;
    for (CSVRecord r : cleanOf("interactions")) {
      String campaign = r.get("campaign_id");
      if (campaign.startsWith("CMP-C-") || campaign.startsWith("NL-")) {
        String body =
            r.get("body")
                .replace(firstNames.get(r.get("customer_id")), "{first}")
                .replaceAll("\\d+", "#");
        masked.computeIfAbsent(campaign, k -> new HashSet<>()).add(body);
      }
      if (r.get("author_type").equals("rep")
          && r.get("direction").equals("outbound")
          && r.get("channel").equals("phone")
          && r.get("outcome").equals("answered")) {
        calls++;
        callNotes.add(r.get("body"));
      }
    }
    assertTrue(masked.size() > 30, "campaigns: " + masked.size());
    masked.forEach((campaign, bodies) -> assertEquals(1, bodies.size(), campaign + ": " + bodies));
    assertTrue(calls > 100, "calls: " + calls);
    assertTrue(callNotes.size() > 0.95 * calls, callNotes.size() + " distinct notes of " + calls);
  }

  @Test
  void theWrittenConfigurationLoadsAndNamesTheFiles() {
    RapportConfig config = Stages.loadConfig(world.resolve("rapport.yaml"));
    assertEquals("2026-06-30", config.asOf().orElseThrow().toString());
    assertEquals("Europe/Berlin", config.timeZone().getId());
    assertEquals(4, config.inputs().size());
    config
        .inputs()
        .values()
        .forEach(i -> assertTrue(i.sources().get(0).path().toFile().isFile(), i.name()));
  }

  private static List<CSVRecord> cleanOf(String table) {
    Set<String> valid = audits.get(table).validKeys;
    Contract c = Schemas.input(table).orElseThrow();
    Set<String> seen = new HashSet<>();
    return tables.get(table).stream()
        .filter(r -> r.size() == c.columnNames().size())
        .filter(r -> valid.contains(r.get(c.key())) && seen.add(r.get(c.key())))
        .toList();
  }
}
