package rapport.outreach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.domain.SalesforceIds;
import rapport.run.RunFolder;
import rapport.schema.Outreach;
import rapport.testing.Cli;
import rapport.testing.TestSpark;

/**
 * The outreach stage on {@link OutreachWorld}, run through the command line for the previous week
 * (2026-06-23) and this week (2026-06-30): golden files for every file of {@code outreach/}, the
 * rules each row of the world was built to check, and byte-identical files on a rerun.
 *
 * <p>To regenerate the goldens after an intended change, run with {@code
 * -Drapport.goldens.update=true} and review the diff of {@code src/test/resources/outreach/golden}.
 */
class OutreachStageTest {
  static final String GOLDEN = "outreach/golden";
  @TempDir static Path dir;
  static Path out;
  static Path yaml;
  static Path run;
  static Map<String, byte[]> firstRun;

  @BeforeAll
  static void runTwoWeeks() throws IOException {
    out = dir.resolve("out");
    yaml = OutreachWorld.config(dir, "  salesforce: {row_limit: 2}\n");
    OutreachWorld.write(out, "2026-06-23");
    OutreachWorld.write(out, "2026-06-30");
    Cli previous =
        Cli.run(
            "outreach",
            "--config",
            yaml.toString(),
            "--out",
            out.toString(),
            "--as-of",
            "2026-06-23");
    assertEquals(0, previous.exitCode, previous.toString());
    Cli now =
        Cli.run(
            "outreach",
            "--config",
            yaml.toString(),
            "--out",
            out.toString(),
            "--as-of",
            "2026-06-30");
    assertEquals(0, now.exitCode, now.toString());
    run = out.resolve("2026-06-30");
    firstRun = files(run.resolve("outreach"));
  }

  static Map<String, byte[]> files(Path folder) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : s.sorted().toList()) {
        m.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  static List<CSVRecord> csv(String name) throws IOException {
    return SafeCsvTest.readStrict(run.resolve("outreach").resolve(name));
  }

  static Set<String> column(String file, String col) throws IOException {
    return csv(file).stream().map(r -> SafeCsv.restore(r.get(col))).collect(Collectors.toSet());
  }

  @Test
  void everyFileMatchesItsGolden() throws IOException {
    assertEquals(
        Set.of(
            "IMPORT.md",
            "delta.csv",
            "generic.csv",
            "holdout.csv",
            "hubspot_contact_update.csv",
            "outreach.manifest.json",
            "salesforce_task_insert-part-0001.csv",
            "salesforce_task_insert-part-0002.csv",
            "salesforce_task_insert-part-0003.csv",
            "unmatched.csv"),
        firstRun.keySet());
    Path goldens = TestSpark.projectRoot().resolve("jobs/src/test/resources").resolve(GOLDEN);
    boolean update = Boolean.getBoolean("rapport.goldens.update");
    for (Map.Entry<String, byte[]> f : firstRun.entrySet()) {
      Path golden = goldens.resolve(f.getKey());
      if (update) {
        Files.createDirectories(goldens);
        Files.write(golden, f.getValue());
      }
      assertTrue(
          Files.isRegularFile(golden),
          "no golden for " + f.getKey() + ": run with -Drapport.goldens.update=true");
      assertEquals(
          Files.readString(golden, StandardCharsets.UTF_8),
          new String(f.getValue(), StandardCharsets.UTF_8),
          f.getKey() + " differs from its golden");
    }
  }

  @Test
  void everyCsvIsStrictRfc4180WithoutFormulas() throws IOException {
    for (String name : firstRun.keySet()) {
      if (name.endsWith(".csv")) {
        SafeCsvTest.assertNoFormula(run.resolve("outreach").resolve(name));
        assertFalse(
            new String(firstRun.get(name), StandardCharsets.UTF_8).contains("\r\n"),
            name + " uses CRLF");
      }
    }
    assertTrue(column("generic.csv", "customer_id").contains("+C14"), "restored to the original");
    assertTrue(csv("generic.csv").stream().anyMatch(r -> r.get("customer_id").equals("'+C14")));
    assertTrue(csv("holdout.csv").stream().anyMatch(r -> r.get("customer_id").equals("'=C13")));
  }

  @Test
  void doNotContactAndSuppressedCustomersAreInNoFile() throws IOException {
    String all =
        firstRun.values().stream()
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .collect(Collectors.joining("\n"));
    for (String id : List.of(OutreachWorld.C6, OutreachWorld.C7, OutreachWorld.C15)) {
      assertFalse(all.contains(id), id + " is suppressed but appears in outreach/");
    }
    // C8 was touched 5 days before T: absent this week, dropped since last week
    assertFalse(column("generic.csv", "customer_id").contains(OutreachWorld.C8));
    assertFalse(column("holdout.csv", "customer_id").contains(OutreachWorld.C8));
    JsonNode m = new ObjectMapper().readTree(firstRun.get("outreach.manifest.json"));
    assertEquals(1, m.at("/counts/suppressed/DO_NOT_CONTACT").asLong());
    assertEquals(1, m.at("/counts/suppressed/CLOSED").asLong());
    assertEquals(1, m.at("/counts/suppressed/NO_SCORE").asLong());
    assertEquals(1, m.at("/counts/suppressed/RECENT_PERSONAL_TOUCH").asLong());
  }

  @Test
  void holdoutIsDisjointFromEveryCrmFileAndStratifiedByRep() throws IOException {
    Set<String> held = column("holdout.csv", "customer_id");
    assertEquals(4, held.size(), "round(0.25 n) of AAA's 7, BBB's 3 and R-COFFEE's 3 candidates");
    Set<String> sent = new HashSet<>(column("generic.csv", "customer_id"));
    sent.addAll(column("hubspot_contact_update.csv", "Email"));
    for (String part : firstRun.keySet()) {
      if (part.startsWith("salesforce_task_insert")) {
        csv(part).forEach(r -> sent.add(r.get("WhoId").substring(0, 15)));
      }
    }
    for (String h : held) {
      assertFalse(sent.contains(h), h + " is held out but in a CRM file");
      assertFalse(sent.contains(h.length() >= 15 ? h.substring(0, 15) : h), h + " in Salesforce");
    }
    Map<String, Long> perRep =
        csv("holdout.csv").stream()
            .collect(
                Collectors.groupingBy(r -> r.get("rep_id"), TreeMap::new, Collectors.counting()));
    assertEquals(Map.of(OutreachWorld.AAA, 2L, OutreachWorld.BBB, 1L, "R-COFFEE", 1L), perRep);
    Map<String, Long> contacted =
        csv("generic.csv").stream()
            .collect(
                Collectors.groupingBy(r -> r.get("rep_id"), TreeMap::new, Collectors.counting()));
    assertEquals(
        Map.of(OutreachWorld.AAA, 5L, OutreachWorld.BBB, 2L, "R-COFFEE", 2L),
        contacted,
        "full weekly capacity");
  }

  @Test
  void departedRepsCustomersAreHandedOverInTheirTeam() throws IOException {
    Map<String, CSVRecord> byId = new TreeMap<>();
    csv("generic.csv").forEach(r -> byId.put(SafeCsv.restore(r.get("customer_id")), r));
    csv("holdout.csv").forEach(r -> byId.putIfAbsent(r.get("customer_id"), r));
    for (String id : List.of(OutreachWorld.C10, OutreachWorld.C11)) {
      assertEquals(
          OutreachWorld.BBB,
          byId.get(id).get("rep_id"),
          id + " goes to the sales rep with spare capacity");
      assertEquals("true", byId.get(id).get("is_handoff"));
    }
    assertEquals(
        "R-COFFEE",
        byId.get(OutreachWorld.C12).get("rep_id"),
        "no team: any rep with spare capacity");
  }

  @Test
  void occasionsAndTalkingPointsComeFromTheCustomersOwnNotes() throws IOException {
    Map<String, CSVRecord> g = new TreeMap<>();
    csv("generic.csv").forEach(r -> g.put(SafeCsv.restore(r.get("customer_id")), r));
    Set<String> vocabulary = new HashSet<>();
    Vocabulary.TOPICS.forEach(t -> vocabulary.add(t.phrase()));
    for (CSVRecord r : g.values()) {
      String tp = r.get("talking_points");
      if (!tp.isEmpty()) {
        for (String p : tp.split("; ")) {
          assertTrue(vocabulary.contains(p), "not a vocabulary phrase: " + p);
        }
        assertTrue(tp.length() <= 120);
      }
    }
    String all =
        firstRun.values().stream()
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .collect(Collectors.joining());
    for (String raw : List.of("HYPERLINK", "Bruno", "Beelitz", "Golf", "next line", "knee")) {
      assertFalse(all.contains(raw), "note text leaked: " + raw);
    }
    CSVRecord recall = g.get(OutreachWorld.C9);
    if (recall != null) {
      assertEquals("open concern: safety recall (since 2026-05-19)", recall.get("occasion"));
      assertEquals("2026-07-02", recall.get("due_date"));
    }
    CSVRecord c1 = g.get(OutreachWorld.C1);
    CSVRecord c2 = g.get(OutreachWorld.C2);
    if (c1 != null) {
      assertEquals("birthday on 2026-07-03", c1.get("occasion"));
      assertEquals("kitchen renovation; their pet", c1.get("talking_points"));
    }
    if (c2 != null) {
      assertEquals("birthday in the household on 2026-07-03", c2.get("occasion"));
      assertEquals("", c2.get("talking_points"), "the spouse's notes are not c2's");
    }
    if (g.containsKey(OutreachWorld.C3)) {
      CSVRecord c3 = g.get(OutreachWorld.C3);
      assertEquals(
          "7th purchase anniversary on 2026-07-05",
          c3.get("occasion"),
          "the warning light was talked through since");
      assertEquals("cycling", c3.get("talking_points"));
    }
  }

  @Test
  void salesforceIdsAreValidatedAndWidenedTo18() throws IOException {
    Map<String, String> reasons = new TreeMap<>();
    csv("unmatched.csv").stream()
        .filter(r -> r.get("target").equals(CrmFiles.SALESFORCE))
        .forEach(r -> reasons.put(SafeCsv.restore(r.get("customer_id")), r.get("reason_code")));
    assertEquals("INVALID_SALESFORCE_WHO_ID", reasons.get(OutreachWorld.C5));
    for (String part : firstRun.keySet()) {
      if (part.startsWith("salesforce_task_insert")) {
        for (CSVRecord r : csv(part)) {
          assertEquals(18, r.get("WhoId").length());
          assertEquals(18, r.get("OwnerId").length());
          assertTrue(
              SalesforceIds.normalize(r.get("WhoId"), SalesforceIds.WHO_PREFIXES).id().isPresent());
        }
      }
    }
  }

  @Test
  void theDeltaShowsNewStillOpenAndDropped() throws IOException {
    Map<String, String> change = new TreeMap<>();
    csv("delta.csv")
        .forEach(r -> change.put(SafeCsv.restore(r.get("customer_id")), r.get("change")));
    assertEquals("dropped", change.get(OutreachWorld.C8), "touched since last week");
    assertTrue(change.containsValue("still_open"));
  }

  @Test
  void theTableFollowsTheRegistry() {
    var table =
        TestSpark.session()
            .read()
            .parquet(run.resolve("tables").resolve(Outreach.TABLE).toString());
    assertEquals(
        Stream.of(Outreach.SCHEMA.fields()).map(StructField::name).toList(),
        Stream.of(table.schema().fields()).map(StructField::name).toList());
    assertEquals(13, table.count(), "9 sent to reps and 4 held out");
  }

  @Test
  void aRerunWritesTheSameBytesAndTheDefaultEffectIsSaid() throws IOException {
    Cli again =
        Cli.run(
            "outreach",
            "--config",
            yaml.toString(),
            "--out",
            out.toString(),
            "--as-of",
            "2026-06-30");
    assertEquals(0, again.exitCode, again.toString());
    Map<String, byte[]> second = files(run.resolve("outreach"));
    assertEquals(firstRun.keySet(), second.keySet());
    for (String f : firstRun.keySet()) {
      assertArrayEquals(firstRun.get(f), second.get(f), f + " changed on a rerun");
    }
    JsonNode m = new ObjectMapper().readTree(second.get("outreach.manifest.json"));
    assertEquals("cox_time_varying", m.at("/touch_effect/source").asText());
    assertEquals(0.6, m.at("/touch_effect/hazard_ratio").asDouble(), 1e-12);

    RunFolder.delete(run.resolve("tables").resolve("retention_model"));
    Cli noModel =
        Cli.run(
            "outreach",
            "--config",
            yaml.toString(),
            "--out",
            out.toString(),
            "--as-of",
            "2026-06-30");
    assertEquals(0, noModel.exitCode, noModel.toString());
    JsonNode d =
        new ObjectMapper()
            .readTree(run.resolve("outreach").resolve("outreach.manifest.json").toFile());
    assertEquals("config_default", d.at("/touch_effect/source").asText());
    assertEquals(0.9, d.at("/touch_effect/hazard_ratio").asDouble(), 1e-12);
  }

  @Test
  void measureComparesContactedWithHoldoutOnceTheOutcomeIsKnown() throws IOException {
    Cli early = Cli.run("measure", "--run", run.toString(), "--after", run.toString());
    assertEquals(2, early.exitCode, early.toString());
    assertTrue(early.err.contains("ends on 2026-12-27"), early.err);
    Path after = OutreachWorld.write(out, "2027-01-05");
    Path json = dir.resolve("readout.json");
    Cli m =
        Cli.run(
            "measure",
            "--run",
            run.toString(),
            "--after",
            after.toString(),
            "--json",
            json.toString());
    assertEquals(0, m.exitCode, m.toString());
    assertTrue(m.out.contains("95% CI (Newcombe)") || m.out.contains("not estimable"), m.out);
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertEquals(
        13,
        r.get("contacted").asLong() + r.get("holdout").asLong() + r.get("unmeasured").asLong(),
        "every candidate is counted once");
    assertEquals(180, r.get("horizon_days").asInt());
  }
}
