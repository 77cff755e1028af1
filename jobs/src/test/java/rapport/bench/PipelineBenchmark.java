package rapport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark (not a test, not part of {@code mvn verify}): for each size it generates
 * a world with {@code ./rapport generate}, runs {@code ./rapport run} on it in a child JVM, and
 * measures wall time, CPU time, peak RSS, Spark jobs and seconds per stage and rows per second;
 * then DuckDB, in this JVM, does the SQL-shaped part on the same files (a typed read of customers,
 * orders and interactions, per-customer recency, frequency, monetary value and touch counts over 90
 * and 365 days) for comparison. See docs/performance.md; run it with {@code mvn -Pbenchmark}.
 *
 * <p>System properties: {@code bench.sizes} (customers, comma-separated; default
 * 10000,100000,1000000), {@code bench.seed} (42), {@code bench.dir} (the work folder; default
 * jobs/target/benchmark), {@code bench.java.opts} (RAPPORT_JAVA_OPTS of the runs; default -Xmx8g),
 * {@code rapport.project.root}.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  private static final Pattern STAGE_DONE =
      // "[3/6] score: relationship_scores 2,000 rows, 154 Spark jobs (94.5 s)"
      Pattern.compile("^\\[\\d+/\\d+\\] (\\w+): (?:.*, )?(\\d+) Spark jobs \\(([0-9.]+) s\\)$");
  private static final String TIME_MARK = "BENCH_TIME";
  private static final List<String> STAGES =
      List.of("ingest", "classify", "score", "retention", "outreach", "report");

  /** One measured run of rapport and of DuckDB on one world. */
  record Measure(
      int customers,
      long rowsRead,
      double wall,
      double cpu,
      long peakRssKb,
      Map<String, Double> stageSeconds,
      Map<String, Integer> stageJobs,
      double duckSeconds,
      long duckCustomers) {

    int jobs() {
      return stageJobs.values().stream().mapToInt(Integer::intValue).sum();
    }

    double ingestAndFeatures() {
      return stageSeconds.getOrDefault("ingest", 0.0) + stageSeconds.getOrDefault("score", 0.0);
    }
  }

  public static void main(String[] args) throws Exception {
    Path root =
        Path.of(System.getProperty("rapport.project.root", ".")).toAbsolutePath().normalize();
    Path dir =
        Path.of(System.getProperty("bench.dir", root.resolve("jobs/target/benchmark").toString()))
            .toAbsolutePath();
    String opts = System.getProperty("bench.java.opts", "-Xmx8g");
    long seed = Long.parseLong(System.getProperty("bench.seed", "42"));
    List<Integer> sizes = new ArrayList<>();
    for (String s : System.getProperty("bench.sizes", "10000,100000,1000000").split(",")) {
      sizes.add(Integer.parseInt(s.strip()));
    }
    Files.createDirectories(dir);
    Path rapport = root.resolve("rapport");
    List<Measure> done = new ArrayList<>();
    for (int n : sizes) {
      Path world = dir.resolve("world-" + n);
      if (!Files.isRegularFile(world.resolve("rapport.yaml"))) {
        System.out.printf(Locale.ROOT, "generating %,d customers into %s%n", n, world);
        run(
            root,
            null,
            List.of(
                rapport.toString(),
                "generate",
                "--customers",
                "" + n,
                "--seed",
                "" + seed,
                "--out",
                world.toString()),
            opts);
      }
      Path out = dir.resolve("out-" + n);
      boolean reuse =
          Boolean.getBoolean("bench.reuse")
              && Files.isRegularFile(log(out))
              && Files.isDirectory(out);
      if (!reuse) {
        deleteTree(out);
      }
      System.out.printf(
          Locale.ROOT, "%s %,d customers%n", reuse ? "reusing the measured run of" : "running", n);
      Measure m = measure(root, rapport, world, out, opts, n, reuse);
      done.add(m);
      String table = table(done);
      System.out.println(table);
      Files.writeString(dir.resolve("results.md"), table + "\n" + machine() + "\n");
    }
    System.out.println("written " + dir.resolve("results.md"));
  }

  /** The output of the run into {@code out}, kept beside it. */
  static Path log(Path out) {
    return out.resolveSibling(out.getFileName() + ".log");
  }

  static Measure measure(
      Path root, Path rapport, Path world, Path out, String opts, int n, boolean reuse)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
    if (gnuTime) {
      cmd.addAll(List.of("/usr/bin/time", "-f", TIME_MARK + " %e %U %S %M"));
    }
    cmd.addAll(
        List.of(
            rapport.toString(),
            "run",
            "--config",
            world.resolve("rapport.yaml").toString(),
            "--out",
            out.toString()));
    long t0 = System.nanoTime();
    List<String> lines = reuse ? Files.readAllLines(log(out)) : run(root, log(out), cmd, opts);
    double wall = (System.nanoTime() - t0) / 1e9; // replaced by GNU time's when it is there
    double cpu = Double.NaN;
    long rss = -1;
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, Integer> jobs = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = STAGE_DONE.matcher(line.strip());
      if (m.matches()) {
        seconds.put(m.group(1), Double.parseDouble(m.group(3)));
        jobs.put(m.group(1), Integer.parseInt(m.group(2)));
      } else if (line.startsWith(TIME_MARK)) {
        String[] f = line.split(" ");
        wall = Double.parseDouble(f[1]);
        cpu = Double.parseDouble(f[2]) + Double.parseDouble(f[3]);
        rss = Long.parseLong(f[4]);
      }
    }
    long rowsRead = 0;
    try (Stream<Path> runs = Files.list(out)) {
      Path runDir =
          runs.filter(p -> Files.isRegularFile(p.resolve("manifest.json")))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no committed run in " + out));
      JsonNode manifest = new ObjectMapper().readTree(runDir.resolve("manifest.json").toFile());
      for (JsonNode input : manifest.path("inputs")) {
        rowsRead += input.path("rows_read").asLong();
      }
    }
    long t1 = System.nanoTime();
    long duckCustomers = duckDb(world);
    double duck = (System.nanoTime() - t1) / 1e9;
    return new Measure(n, rowsRead, wall, cpu, rss, seconds, jobs, duck, duckCustomers);
  }

  /** Runs a command from the project root, echoing and returning its output lines. */
  static List<String> run(Path root, Path log, List<String> cmd, String opts)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
    pb.environment().put("RAPPORT_JAVA_OPTS", opts);
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = p.inputReader(StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
        System.out.println("  | " + line);
      }
    }
    int code = p.waitFor();
    if (log != null) {
      Files.write(log, lines);
    }
    if (code != 0) {
      throw new IllegalStateException("exit " + code + " from " + String.join(" ", cmd));
    }
    return lines;
  }

  /**
   * DuckDB on the same files: a typed read of the three inputs into tables, then one row per
   * customer with recency, frequency and monetary value over 365 days and interaction counts over
   * 90 and 365 days before the as-of date. Returns the customers aggregated.
   */
  static long duckDb(Path world) throws IOException, SQLException {
    String asOf = asOf(world);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      st.execute(
          "CREATE TABLE customers AS SELECT * FROM "
              + readCsv(
                  world.resolve("customers.csv"),
                  Map.of(
                      "customer_since",
                      "DATE",
                      "birth_date",
                      "DATE",
                      "closed_at",
                      "DATE",
                      "do_not_contact",
                      "BOOLEAN")));
      st.execute(
          "CREATE TABLE orders AS SELECT * FROM "
              + readCsv(
                  world.resolve("orders"),
                  Map.of("ordered_at", "TIMESTAMPTZ", "amount", "DECIMAL(18,2)")));
      st.execute(
          "CREATE TABLE interactions AS SELECT * FROM "
              + readCsv(
                  world.resolve("interactions"),
                  Map.of("occurred_at", "TIMESTAMPTZ", "duration_seconds", "INTEGER")));
      String cut = "TIMESTAMPTZ '" + asOf + " 00:00:00+00'";
      String sql =
          "WITH o AS (SELECT customer_id,"
              + " date_diff('day', max(ordered_at), "
              + cut
              + ") AS recency_days,"
              + " count(*) FILTER (WHERE ordered_at >= "
              + cut
              + " - INTERVAL 365 DAY)"
              + " AS frequency_365d,"
              + " coalesce(sum(amount) FILTER (WHERE ordered_at >= "
              + cut
              + " - INTERVAL 365 DAY), 0) AS monetary_365d"
              + " FROM orders WHERE ordered_at < "
              + cut
              + " AND status = 'completed'"
              + " GROUP BY customer_id),"
              + " t AS (SELECT customer_id,"
              + " count(*) FILTER (WHERE occurred_at >= "
              + cut
              + " - INTERVAL 90 DAY)"
              + " AS touches_90d,"
              + " count(*) FILTER (WHERE occurred_at >= "
              + cut
              + " - INTERVAL 365 DAY)"
              + " AS touches_365d,"
              + " count(*) FILTER (WHERE occurred_at >= "
              + cut
              + " - INTERVAL 365 DAY"
              + " AND author_type = 'rep') AS rep_touches_365d"
              + " FROM interactions WHERE occurred_at < "
              + cut
              + " GROUP BY customer_id)"
              + " SELECT c.customer_id, o.recency_days, o.frequency_365d,"
              + " o.monetary_365d, coalesce(t.touches_90d, 0), coalesce(t.touches_365d, 0),"
              + " coalesce(t.rep_touches_365d, 0)"
              + " FROM customers c LEFT JOIN o USING (customer_id)"
              + " LEFT JOIN t USING (customer_id)";
      st.execute("CREATE TABLE rfm AS " + sql);
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM rfm")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A read_csv of a file or of a folder's *.csv, every column named and typed from the header. */
  static String readCsv(Path input, Map<String, String> types) throws IOException {
    // a table of up to --records-per-file rows is one file, a larger one a folder of parts
    Path csv = input.resolveSibling(input.getFileName() + ".csv");
    Path fileOrFolder = Files.isDirectory(input) || !Files.isRegularFile(csv) ? input : csv;
    Path first = fileOrFolder;
    String glob = fileOrFolder.toString();
    if (Files.isDirectory(fileOrFolder)) {
      try (Stream<Path> files = Files.list(fileOrFolder)) {
        first = files.filter(p -> p.toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
      }
      glob = fileOrFolder.resolve("*.csv").toString();
    }
    String header;
    try (BufferedReader r = Files.newBufferedReader(first, StandardCharsets.UTF_8)) {
      header = r.readLine();
    }
    StringBuilder cols = new StringBuilder();
    for (String name : header.split(",")) {
      cols.append(cols.length() == 0 ? "" : ", ")
          .append('\'')
          .append(name)
          .append("': '")
          .append(types.getOrDefault(name, "VARCHAR"))
          .append('\'');
    }
    return "read_csv('"
        + glob
        + "', header = true, quote = '\"', escape = '\"', columns = {"
        + cols
        + "})";
  }

  private static String asOf(Path world) throws IOException {
    for (String line : Files.readAllLines(world.resolve("rapport.yaml"))) {
      if (line.startsWith("as_of:")) {
        return line.substring(6).strip();
      }
    }
    throw new IllegalStateException("no as_of in " + world.resolve("rapport.yaml"));
  }

  /** The results as a Markdown table. */
  static String table(List<Measure> done) {
    StringBuilder sb = new StringBuilder();
    sb.append("| customers | rows read | wall s | CPU s | peak RSS MiB | rows/s | Spark jobs |");
    for (String s : STAGES) {
      sb.append(' ').append(s).append(" s (jobs) |");
    }
    sb.append(" DuckDB s | ingest+score / DuckDB | run / DuckDB |\n|");
    sb.append("---|".repeat(10 + STAGES.size()));
    sb.append('\n');
    for (Measure m : done) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %,d | %,d | %.1f | %.1f | %,d | %,.0f | %d |",
              m.customers(),
              m.rowsRead(),
              m.wall(),
              m.cpu(),
              m.peakRssKb() / 1024,
              m.rowsRead() / m.wall(),
              m.jobs()));
      for (String s : STAGES) {
        sb.append(
            String.format(
                Locale.ROOT,
                " %.1f (%d) |",
                m.stageSeconds().getOrDefault(s, Double.NaN),
                m.stageJobs().getOrDefault(s, 0)));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              " %.2f | %.1f× | %.1f× |%n",
              m.duckSeconds(),
              m.ingestAndFeatures() / m.duckSeconds(),
              m.wall() / m.duckSeconds()));
    }
    return sb.toString();
  }

  private static String machine() {
    String cpu = "unknown";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // not Linux: the CPU stays unknown
    }
    return String.format(
        Locale.ROOT,
        "Machine: %d cores (%s), Java %s, %s %s.",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
