package rapport.spark;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import rapport.errors.RapportException;

/**
 * The one place a SparkSession is made. Jobs get it from the command line; stages never create one.
 *
 * <p>The user's Spark settings win: {@code --conf KEY=VALUE}, then {@code spark.*} system
 * properties (what {@code spark-submit --conf} and its spark-defaults.conf set), then
 * spark-defaults.conf in {@code $SPARK_CONF_DIR} or {@code $SPARK_HOME/conf} when rapport runs
 * without spark-submit. rapport's {@link #DEFAULTS} apply only to keys nobody set; the {@link
 * #REQUIRED} settings are what rapport's outputs are defined by and cannot be changed.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Settings rapport's results depend on: every timestamp is computed in UTC, and so on. */
  static final Map<String, String> REQUIRED =
      ordered(
          "spark.sql.session.timeZone", "UTC",
          "spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false",
          "spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");

  /** rapport's choices for a command-line run, used where the user set nothing. */
  static final Map<String, String> DEFAULTS =
      ordered(
          "spark.ui.enabled", "false",
          "spark.ui.showConsoleProgress", "false",
          "spark.sql.shuffle.partitions", "8",
          "spark.sql.debug.maxToStringFields", "500",
          // rapport adds no jars or classes to its session, so per-session artifact isolation
          // buys nothing; with it on, every class the code compiler looks up and does not find
          // inside a task is asked for again from the driver's class server
          "spark.sql.artifact.isolation.enabled", "false");

  /**
   * Inputs up to this size (the files the config names, 64 MiB: about 10,000 customers with their
   * orders and interactions) run local with {@link #smallInputDefaults}.
   */
  public static final long SMALL_INPUT_BYTES = 64L << 20;

  /**
   * Inputs up to this size (4 MiB: a few hundred customers, the size of a CRM trial export or of a
   * test's world) run without generated code at all, on any master; on a local one with the rest of
   * {@link #smallInputDefaults}.
   */
  public static final long TINY_INPUT_BYTES = 4L << 20;

  /** Spark's evaluation without generated code (an internal setting: see below). */
  static final String CODEGEN_FACTORY_MODE = "spark.sql.codegen.factoryMode";

  /**
   * rapport's choices for a small input on a local master, where the user set nothing: a shuffle
   * partition per core, and Spark's whole-stage code generation off. A run of a few thousand
   * customers is hundreds of short queries; compiling each query's generated Java costs more than
   * it saves on so few rows (docs/performance.md has the measurement). On a tiny input the
   * expressions are interpreted too ({@code spark.sql.codegen.factoryMode=NO_CODEGEN}, Spark's
   * internal switch that its own tests use to run every expression both ways): there the Java
   * compiler and its class lookups are a quarter of a run's CPU. Above {@link #TINY_INPUT_BYTES}
   * the mode is Spark's default, set explicitly so that a session reused by a later command does
   * not keep the tiny input's. Results do not depend on any of these settings.
   *
   * @param inputBytes the size of the config's input files
   */
  static Map<String, String> smallInputDefaults(String master, long inputBytes) {
    return ordered(
        "spark.sql.shuffle.partitions",
        String.valueOf(Math.max(2, localCores(master))),
        "spark.sql.codegen.wholeStage",
        "false",
        CODEGEN_FACTORY_MODE,
        isTiny(inputBytes) ? "NO_CODEGEN" : "FALLBACK");
  }

  /** A known input size of at most {@link #TINY_INPUT_BYTES}. */
  private static boolean isTiny(long inputBytes) {
    return inputBytes >= 0 && inputBytes <= TINY_INPUT_BYTES;
  }

  /** The threads of a local master URL: local (1), local[N], local[N,F], local[*]. */
  static int localCores(String master) {
    int open = master.indexOf('[');
    if (open < 0) {
      return 1;
    }
    String n = master.substring(open + 1, master.length() - 1).split(",")[0].trim();
    if (n.equals("*")) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  /** The keys the user set in this process (--conf, system properties, spark-defaults.conf). */
  private static volatile Set<String> userKeys = Set.of();

  /**
   * A session for a CLI run: {@code local[*]} inside this JVM unless a master URL is given (or
   * {@code spark-submit} or the user's settings already set one). On a cluster master, the
   * application jar and rapport's own dependencies are shipped to the executors ({@code
   * spark.jars}) unless spark-submit or the user already did.
   *
   * @param conf the {@code --conf} settings of the command line (may be empty)
   * @param inputBytes the size of the config's input files, or -1 when not known: up to {@link
   *     #SMALL_INPUT_BYTES} on a local master, {@link #smallInputDefaults} apply; up to {@link
   *     #TINY_INPUT_BYTES} on any master, interpreted expressions
   */
  public static SparkSession forCli(
      String master, Map<String, String> conf, boolean verbose, long inputBytes) {
    quietLogging(verbose);
    Map<String, String> user = userSettings(conf);
    for (String key : REQUIRED.keySet()) {
      String value = user.get(key);
      if (value != null && !value.equals(REQUIRED.get(key))) {
        throw RapportException.usage(
            "the Spark setting %s=%s cannot be used: rapport computes with %s=%s (its dates and"
                + " tables depend on it); remove it from --conf, spark-defaults.conf or"
                + " spark-submit",
            key, value, key, REQUIRED.get(key));
      }
    }
    SparkSession.Builder b = SparkSession.builder().appName("rapport");
    REQUIRED.forEach(b::config);
    String effective = master != null ? master : user.get("spark.master");
    if (master != null) {
      b.master(master);
    } else if (effective == null) {
      effective = "local[*]";
      b.master(effective);
    }
    Map<String, String> defaults = new LinkedHashMap<>(DEFAULTS);
    if (isLocal(effective) && inputBytes >= 0 && inputBytes <= SMALL_INPUT_BYTES) {
      defaults.putAll(smallInputDefaults(effective, inputBytes));
    } else if (isTiny(inputBytes)) {
      // a cluster's executors compile the same code for the same few rows
      defaults.put(CODEGEN_FACTORY_MODE, "NO_CODEGEN");
    }
    defaults.forEach(
        (k, v) -> {
          if (!user.containsKey(k)) {
            b.config(k, v);
          }
        });
    // system properties reach the session by themselves; the others are set here
    user.forEach(
        (k, v) -> {
          if (System.getProperty(k) == null || conf.containsKey(k)) {
            b.config(k, v);
          }
        });
    if (isLocal(effective) && !user.containsKey("spark.driver.host")) {
      b.config("spark.driver.host", "127.0.0.1");
    }
    if (!isLocal(effective) && !underSparkSubmit() && !user.containsKey("spark.jars")) {
      b.config("spark.jars", String.join(",", applicationJars(effective)));
    }
    if (isYarn(effective)
        && !underSparkSubmit()
        && !user.containsKey("spark.yarn.jars")
        && !user.containsKey("spark.yarn.archive")) {
      // Spark's jars and the libraries it shares with rapport (slf4j, log4j, Jackson, ...), which
      // the build keeps once, in rapport's lib folder: an executor needs them before it starts
      String effectiveMaster = effective;
      sparkJars()
          .ifPresent(
              jars ->
                  b.config(
                      "spark.yarn.jars",
                      jars + "," + String.join(",", applicationJars(effectiveMaster))));
    }
    userKeys = Set.copyOf(user.keySet());
    SparkSession s = b.getOrCreate();
    s.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
    return s;
  }

  /**
   * The Hadoop configuration the session will have, before it starts: Hadoop's own ({@code
   * core-site.xml} on the class path) with the user's {@code spark.hadoop.*} settings, so that a
   * configuration file on {@code s3a://} is read with the endpoint and credentials given by {@code
   * --conf spark.hadoop.fs.s3a.endpoint=...}.
   */
  public static Configuration hadoopConfiguration(Map<String, String> conf) {
    Configuration c = new Configuration();
    userSettings(conf)
        .forEach(
            (k, v) -> {
              if (k.startsWith(HADOOP_PREFIX)) {
                c.set(k.substring(HADOOP_PREFIX.length()), v, "spark configuration");
              }
            });
    return c;
  }

  private static final String HADOOP_PREFIX = "spark.hadoop.";

  /** {@link #forCli(String, Map, boolean, long)} without --conf settings or input size. */
  public static SparkSession forCli(String master, boolean verbose) {
    return forCli(master, Map.of(), verbose, -1);
  }

  /** A small, fast session for tests: two threads, no UI, UTC, a small input's settings. */
  public static SparkSession forTests() {
    quietLogging(false);
    SparkSession.Builder b = SparkSession.builder().appName("rapport-tests");
    REQUIRED.forEach(b::config);
    DEFAULTS.forEach(b::config);
    smallInputDefaults("local[2]", 0).forEach(b::config);
    return b.master("local[2]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.default.parallelism", "2")
        .getOrCreate();
  }

  /**
   * The effective values of the settings a run depends on, for the manifest: rapport's required
   * settings and defaults and every key the user set, sorted, without secrets and without what
   * differs between two runs of the same command (ports, application ids).
   */
  public static Map<String, String> effectiveSettings(SparkSession spark) {
    Set<String> keys = new TreeSet<>(REQUIRED.keySet());
    keys.addAll(DEFAULTS.keySet());
    keys.addAll(smallInputDefaults("local", 0).keySet());
    keys.addAll(userKeys);
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : keys) {
      if (recordedKey(k)) {
        spark.sparkContext().getConf().getOption(k).foreach(v -> out.put(k, v));
      }
    }
    return out;
  }

  static boolean recordedKey(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return !k.equals("spark.master")
        && !k.startsWith("spark.app.")
        && !k.endsWith(".port")
        && !k.contains("secret")
        && !k.contains("password")
        && !k.contains("token")
        && !k.contains("credential")
        && !k.endsWith(".key");
  }

  /** --conf over system properties over spark-defaults.conf (the latter without spark-submit). */
  static Map<String, String> userSettings(Map<String, String> conf) {
    Map<String, String> user = new TreeMap<>();
    if (!underSparkSubmit()) {
      user.putAll(defaultsFile());
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("spark.")) {
        user.put(name, System.getProperty(name));
      }
    }
    for (Map.Entry<String, String> e : conf.entrySet()) {
      if (!e.getKey().startsWith("spark.")) {
        throw RapportException.usage(
            "--conf %s=%s: a Spark setting starts with 'spark.' (e.g. --conf"
                + " spark.sql.shuffle.partitions=64)",
            e.getKey(), e.getValue());
      }
      user.put(e.getKey(), e.getValue());
    }
    return user;
  }

  /** Whether spark-submit launched this driver (it has merged spark-defaults.conf already). */
  static boolean underSparkSubmit() {
    return System.getProperty("spark.submit.deployMode") != null
        || "true".equals(System.getProperty("SPARK_SUBMIT"));
  }

  private static Map<String, String> defaultsFile() {
    String dir = System.getenv("SPARK_CONF_DIR");
    if (dir == null && System.getenv("SPARK_HOME") != null) {
      dir = Path.of(System.getenv("SPARK_HOME"), "conf").toString();
    }
    Map<String, String> out = new TreeMap<>();
    if (dir == null) {
      return out;
    }
    Path file = Path.of(dir, "spark-defaults.conf");
    if (!Files.isRegularFile(file)) {
      return out;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw RapportException.usage(
          "cannot read the Spark defaults %s: %s; fix the file or unset SPARK_CONF_DIR/SPARK_HOME",
          file, e.getMessage());
    }
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith("spark.")) {
        out.put(name, p.getProperty(name).trim());
      }
    }
    return out;
  }

  static boolean isLocal(String master) {
    return master.startsWith("local");
  }

  static boolean isYarn(String master) {
    return master.equals("yarn") || master.startsWith("yarn-");
  }

  /**
   * Spark's own jars, as the launcher runs them (the folder of the jar that holds Spark's classes,
   * jobs/target/spark-lib): without a Spark installation ({@code SPARK_HOME}) a YARN application
   * has to upload them for its containers; empty when Spark's classes do not come from a jar.
   */
  static Optional<String> sparkJars() {
    try {
      Path jar =
          Path.of(SparkContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(jar) && jar.toString().endsWith(".jar")) {
        return Optional.of(jar.getParent().resolve("*").toString());
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // Spark's own fallback (SPARK_HOME/jars) applies
    }
    return Optional.empty();
  }

  /**
   * The jars the executors need: rapport's jar and the jars its manifest's Class-Path names
   * (rapport's own dependencies; Spark and Hadoop are the cluster's).
   */
  static List<String> applicationJars(String master) {
    Path jar;
    try {
      jar =
          Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      jar = null;
    }
    if (jar == null || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
      throw RapportException.usage(
          "--master %s: the executors need rapport's classes, but this process runs them from %s,"
              + " not from a jar; run ./rapport (jobs/target/rapport.jar), or spark-submit"
              + " jobs/target/rapport-submit.jar, or pass --conf spark.jars=...",
          master, jar);
    }
    List<String> jars = new ArrayList<>();
    jars.add(jar.toUri().toString());
    try (JarFile f = new JarFile(jar.toFile())) {
      Manifest m = f.getManifest();
      String classPath = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (classPath != null) {
        for (String entry : classPath.trim().split("\\s+")) {
          Path dep = jar.getParent().resolve(entry);
          if (Files.isRegularFile(dep)) {
            jars.add(dep.toUri().toString());
          }
        }
      }
    } catch (IOException e) {
      throw RapportException.usage("cannot read the manifest of %s: %s", jar, e.getMessage());
    }
    return jars;
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Spark's own logging is off unless the user asked for it: a failed task is logged with its stack
   * trace several times over, and the command already says in one line what went wrong.
   */
  public static void quietLogging(boolean verbose) {
    Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    for (String logger :
        List.of(
            "org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "org.sparkproject")) {
      Configurator.setLevel(logger, verbose ? Level.INFO : Level.OFF);
    }
  }
}
