package rapport.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rapport.cli.Stages;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;

class ConfigLoaderTest {
  private static final Path FILE = Path.of("/projects/crm/rapport.yaml");

  static RapportConfig parse(String yaml) {
    return ConfigLoader.parse(
        FILE,
        "sha",
        YamlTree.read("rapport.yaml", yaml.getBytes(StandardCharsets.UTF_8)),
        Stages.configSections());
  }

  static String error(String yaml) {
    RapportException e = assertThrows(RapportException.class, () -> parse(yaml));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith("rapport.yaml: "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void readsEveryKindOfMapping() {
    RapportConfig c =
        parse(
            """
            as_of: 2026-06-30
            time_zone: Europe/Berlin
            horizon_days: 90
            quality: {max_bad_share: 0.1}
            output: {dir: ../out}
            inputs:
              orders:
                path: exports/orders.tsv
                line_items: true
                csv: {encoding: windows-1252, max_record_lines: 20}
                columns:
                  order_id: InvoiceNo
                  ordered_at: {source: Date, format: dd.MM.yyyy HH:mm}
                  amount: {product_of: [Qty, Price], decimal_separator: ","}
                  status: {source: State, values: {Done: completed, Storno: cancelled}}
                  currency: {value: EUR}
              interactions:
                max_bad_share: 0.2
                sources:
                  - path: calls.jsonl
                    columns:
                      duration_seconds: {source: Minutes, scale: 60}
                      direction: {source: Dir, default: outbound}
                  - {path: notes, format: parquet}
            """);
    assertEquals(ZoneId.of("Europe/Berlin"), c.timeZone());
    assertEquals(90, c.horizonDays());
    assertEquals(Path.of("/projects/out"), c.outDir().orElseThrow().normalize());
    InputConfig orders = c.input("orders").orElseThrow();
    assertTrue(orders.lineItems());
    assertEquals(0.1, orders.maxBadShare());
    SourceConfig src = orders.sources().get(0);
    assertEquals(InputFormat.CSV, src.format());
    assertEquals('\t', src.csv().delimiter(), "a .tsv file is tab-separated");
    assertEquals("windows-1252", src.csv().encoding());
    assertEquals(List.of("Qty", "Price"), src.columns().get("amount").sources());
    assertEquals(
        ".", src.columns().get("amount").groupingSeparator(), "',' decimals group with '.'");
    assertEquals("completed", src.columns().get("status").values().get("done"));
    assertEquals("EUR", src.columns().get("currency").constant());
    InputConfig interactions = c.input("interactions").orElseThrow();
    assertEquals(0.2, interactions.maxBadShare());
    assertEquals(InputFormat.JSONL, interactions.sources().get(0).format());
    assertEquals("60", interactions.sources().get(0).columns().get("duration_seconds").scale());
    assertEquals(
        "outbound", interactions.sources().get(0).columns().get("direction").defaultValue());
    assertEquals(InputFormat.PARQUET, interactions.sources().get(1).format());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "inputs: {orders: {path: o.csv, colums: {}}}"
            + " | unknown key 'inputs.orders.colums'; allowed keys under 'inputs.orders': sources, path, format, csv, columns, include, line_items, max_bad_share",
        "inputs: {orders: {path: o.csv, columns: {order_no: X}}}"
            + " | unknown column 'inputs.orders.columns.order_no' for input orders; allowed columns: order_id,",
        "inputs: {orders: {path: o.csv, csv: {delimiter: ab}}}"
            + " | 'inputs.orders.csv.delimiter' is 'ab'; allowed: one character",
        "inputs: {orders: {path: o.csv, csv: {encoding: klingon}}}"
            + " | 'inputs.orders.csv.encoding' is 'klingon'; allowed: a charset name",
        "inputs: {orders: {path: o.csv, format: xlsx}}"
            + " | 'inputs.orders.format' is 'xlsx'; allowed values: csv, jsonl, parquet",
        "inputs: {orders: {path: o.csv, columns: {ordered_at: {source: D, format: 'yyyy-MM-dd bb'}}}}"
            + " | 'inputs.orders.columns.ordered_at.format' is 'yyyy-MM-dd bb', not a valid pattern",
        "inputs: {orders: {path: o.csv, columns: {channel: {source: C, format: iso}}}}"
            + " | 'inputs.orders.columns.channel.format' applies to date and timestamp columns",
        "inputs: {orders: {path: o.csv, columns: {channel: {source: C, scale: 60}}}}"
            + " | 'inputs.orders.columns.channel.scale' is '60'; allowed: a number, on a numeric column",
        "inputs: {orders: {path: o.csv, columns: {status: {source: S, values: {x: shipped}}}}}"
            + " | maps to 'shipped'; allowed values of status: cancelled, completed, returned",
        "inputs: {orders: {path: o.csv, columns: {amount: {source: A, value: '1'}}}}"
            + " | needs exactly one of 'source' (a column of the file) or 'value' (a fixed value)",
        "inputs: {orders: {path: o.csv, line_items: maybe}}"
            + " | 'inputs.orders.line_items' is 'maybe'; allowed values: true, false",
        "inputs: {customers: {path: c.csv, line_items: true}, orders: {path: o.csv}}"
            + " | 'inputs.customers.line_items' applies only to inputs.orders",
        "{horizon_days: 5, inputs: {orders: {path: o.csv}}}"
            + " | 'horizon_days' is 5; allowed: a whole number from 7 to 3660",
        "{as_of: 2026-02-30, inputs: {orders: {path: o.csv}}}"
            + " | 'as_of' is '2026-02-30'; allowed: a date as yyyy-MM-dd",
        "{quality: {max_bad_share: 1.5}, inputs: {orders: {path: o.csv}}}"
            + " | 'quality.max_bad_share' is 1.5; allowed: a number from 0.0 to 1.0",
        "inputs: {customers: {path: c.csv}}" + " | 'inputs.orders' is required",
        "{output: {dir: out, token: abc}, inputs: {orders: {path: o.csv}}}"
            + " | 'output.token' holds a secret in the file; secrets come only from environment variables",
        "inputs: {orders: {path: o.csv, columns: {ordered_at: {source: D, earliest: 2020-01-01, latest: 2019-12-31}}}}"
            + " | 'inputs.orders.columns.ordered_at': latest (2019-12-31) is before earliest (2020-01-01)",
        "inputs: {orders: {path: o.csv, columns: {amount: {source: A, earliest: 2020-01-01}}}}"
            + " | 'inputs.orders.columns.amount.earliest' applies to date and timestamp columns",
        "inputs: {orders: {path: o.csv, columns: {ordered_at: {source: D, latest: soon}}}}"
            + " | 'inputs.orders.columns.ordered_at.latest' is 'soon'; allowed: a date as yyyy-MM-dd",
        "inputs: {orders: {path: o.csv, columns: {ordered_at: {source: T, months_before: 2026-06-30, format: iso}}}}"
            + " | 'inputs.orders.columns.ordered_at.months_before' reads one source column",
        "inputs: {orders: {path: o.csv, include: '[*.csv'}}"
            + " | 'inputs.orders.include' has '[*.csv', not a file name pattern",
        "inputs: {orders: {path: o.csv}, refunds: {path: r.csv}}"
            + " | unknown key 'inputs.refunds'; allowed keys under 'inputs': reps, customers, orders, interactions",
      })
  void namesTheKeyAndTheAllowedValues(String yaml, String message) {
    String e = error(yaml);
    assertTrue(e.contains(message), e);
  }

  @Test
  void anchorsAliasesAndMergesResolve() {
    RapportConfig c =
        parse(
            """
            inputs:
              customers:
                path: c.csv
                columns: &ids {customer_id: Id}
              orders:
                path: o.csv
                columns:
                  <<: *ids
                  amount: &money {source: Total, decimal_separator: ","}
                  order_id: Id
              reps:
                path: r.csv
                columns: {weekly_capacity: *money}
            """);
    SourceConfig orders = c.input("orders").orElseThrow().sources().get(0);
    assertEquals(List.of("Id"), orders.columns().get("customer_id").sources(), "merged");
    assertEquals(List.of("Id"), orders.columns().get("order_id").sources(), "its own key");
    assertEquals(",", orders.columns().get("amount").decimalSeparator());
    SourceConfig reps = c.input("reps").orElseThrow().sources().get(0);
    assertEquals(
        List.of("Total"),
        reps.columns().get("weekly_capacity").sources(),
        "an alias is its anchor's mapping, not the anchor's name");
    assertEquals(",", reps.columns().get("weekly_capacity").decimalSeparator());
  }

  @Test
  void anAliasBombIsRefusedBeforeItExpands() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 9; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    yaml.append("inputs: {orders: {path: o.csv}}\n");
    String e = error(yaml.toString());
    assertTrue(e.contains("its aliases expand beyond"), e);
  }

  @Test
  void yesAndNoStayTheSpellingsTheyAre() {
    RapportConfig c =
        parse(
            """
            inputs:
              orders: {path: o.csv}
              customers:
                path: c.csv
                columns:
                  closed_at: {source: Churn, values: {No: "", Yes: 2026-06-30}}
            """);
    assertEquals(
        java.util.Map.of("no", "", "yes", "2026-06-30"),
        c.input("customers").orElseThrow().sources().get(0).columns().get("closed_at").values());
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    String e = error("inputs: {orders: {path: o.csv, path: p.csv}}");
    assertTrue(e.contains("key 'inputs.orders.path' appears twice"), e);
  }

  @Test
  void aSecretComesFromTheNamedEnvironmentVariable() {
    ConfigNode n =
        new ConfigNode(
            "rapport.yaml",
            "db",
            new ObjectMapper()
                .createObjectNode()
                .put("password_env", "RAPPORT_TEST_UNSET_VARIABLE"));
    RapportException e = assertThrows(RapportException.class, () -> n.secret("password"));
    assertTrue(
        e.getMessage()
            .contains(
                "names the environment variable RAPPORT_TEST_UNSET_VARIABLE, which is not set"),
        e.getMessage());
    String path = System.getenv("PATH");
    ConfigNode set =
        new ConfigNode(
            "rapport.yaml",
            "db",
            new ObjectMapper().createObjectNode().put("password_env", "PATH"));
    assertEquals(path, set.secret("password").orElseThrow());
  }
}
