package rapport.publish;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.schema.Columns;

/**
 * Publishes a run's tables into PostgreSQL in one transaction: creates the schema and the tables
 * when missing (a table's columns plus {@code run_id} and {@code as_of}; columns added by a newer
 * version are added to an existing table), deletes the rows of the run's as-of date, inserts the
 * run's rows and its row of {@code <schema>.runs}, and commits. A failure rolls everything back, so
 * the rows published before stay as they were and a second publish of the same date leaves no
 * duplicates.
 */
public final class Postgres {
  public static final String RUNS = "runs";
  public static final String RUN_ID = "run_id";
  private static final int BATCH = 1000;

  private Postgres() {}

  /** One run to publish: its id, date and the tables by their name in the database. */
  public record Publication(
      String runId,
      LocalDate asOf,
      String codeVersion,
      String configSha256,
      Map<String, Dataset<Row>> tables) {}

  /**
   * Publishes {@code p} into the database of {@code sink}.
   *
   * @return the rows written per table
   */
  public static Map<String, Long> publish(SinkSettings.Postgres sink, Publication p) {
    Properties props = new Properties();
    props.setProperty("user", sink.user());
    props.setProperty("password", sink.password());
    props.setProperty("reWriteBatchedInserts", "true");
    props.setProperty("ApplicationName", "rapport publish");
    Map<String, Long> written = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(sink.url(), props)) {
      c.setAutoCommit(false);
      try {
        String schema = quote(sink.schema());
        exec(c, "CREATE SCHEMA IF NOT EXISTS " + schema);
        createRuns(c, schema);
        for (Map.Entry<String, Dataset<Row>> t : p.tables().entrySet()) {
          written.put(t.getKey(), replace(c, schema, t.getKey(), t.getValue(), p));
        }
        try (PreparedStatement del =
            c.prepareStatement("DELETE FROM " + schema + "." + RUNS + " WHERE as_of = ?")) {
          del.setObject(1, p.asOf());
          del.executeUpdate();
        }
        try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO "
                    + schema
                    + "."
                    + RUNS
                    + " (run_id, as_of, published_at, code_version, config_sha256,"
                    + " outreach_rows, relationship_scores_rows) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ins.setString(1, p.runId());
          ins.setObject(2, p.asOf());
          ins.setTimestamp(3, Timestamp.from(Instant.now()));
          ins.setString(4, p.codeVersion());
          ins.setString(5, p.configSha256());
          setCount(ins, 6, written.get("outreach"));
          setCount(ins, 7, written.get("relationship_scores"));
          ins.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failure(sink, e);
    }
    return written;
  }

  private static void setCount(PreparedStatement s, int i, Long n) throws SQLException {
    if (n == null) {
      s.setNull(i, java.sql.Types.BIGINT);
    } else {
      s.setLong(i, n);
    }
  }

  private static void createRuns(Connection c, String schema) throws SQLException {
    exec(
        c,
        "CREATE TABLE IF NOT EXISTS "
            + schema
            + "."
            + RUNS
            + " (run_id text NOT NULL, as_of date PRIMARY KEY, published_at timestamptz NOT NULL,"
            + " code_version text, config_sha256 text, outreach_rows bigint,"
            + " relationship_scores_rows bigint)");
  }

  /** Replaces the as-of date's rows of one table; returns the rows inserted. */
  private static long replace(
      Connection c, String schema, String name, Dataset<Row> df, Publication p)
      throws SQLException {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (!f.name().equals(RUN_ID) && !f.name().equals(Columns.AS_OF)) {
        fields.add(f);
      }
    }
    boolean hasAsOf = List.of(df.columns()).contains(Columns.AS_OF);
    String table = schema + "." + quote(name);
    StringBuilder ddl =
        new StringBuilder("CREATE TABLE IF NOT EXISTS " + table + " (run_id text NOT NULL");
    ddl.append(", as_of date NOT NULL");
    for (StructField f : fields) {
      ddl.append(", ").append(quote(f.name())).append(' ').append(sqlType(f.dataType(), name, f));
    }
    exec(c, ddl.append(')').toString());
    for (StructField f : fields) {
      exec(
          c,
          "ALTER TABLE "
              + table
              + " ADD COLUMN IF NOT EXISTS "
              + quote(f.name())
              + " "
              + sqlType(f.dataType(), name, f));
    }
    exec(c, "CREATE INDEX IF NOT EXISTS " + quote(name + "_as_of") + " ON " + table + " (as_of)");
    try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE as_of = ?")) {
      del.setObject(1, p.asOf());
      del.executeUpdate();
    }
    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (run_id, as_of");
    for (StructField f : fields) {
      sql.append(", ").append(quote(f.name()));
    }
    sql.append(") VALUES (?, ?").append(", ?".repeat(fields.size())).append(')');
    long rows = 0;
    try (PreparedStatement ins = c.prepareStatement(sql.toString())) {
      Iterator<Row> it = df.toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        if (hasAsOf && !p.asOf().equals(asLocalDate(r.getAs(Columns.AS_OF)))) {
          throw new RapportException(
              ExitCode.INPUT_CONTRACT,
              String.format(
                  "tables/%s holds a row of as_of %s in the run of %s: rebuild the run with"
                      + " ./rapport run before publishing",
                  name, r.getAs(Columns.AS_OF), p.asOf()));
        }
        ins.setString(1, p.runId());
        ins.setObject(2, p.asOf());
        for (int i = 0; i < fields.size(); i++) {
          set(c, ins, i + 3, r, fields.get(i));
        }
        ins.addBatch();
        if (++rows % BATCH == 0) {
          ins.executeBatch();
        }
      }
      ins.executeBatch();
    }
    return rows;
  }

  private static LocalDate asLocalDate(Object v) {
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return v instanceof LocalDate l ? l : null;
  }

  private static void set(Connection c, PreparedStatement s, int i, Row r, StructField f)
      throws SQLException {
    int at = r.fieldIndex(f.name());
    if (r.isNullAt(at)) {
      s.setNull(i, java.sql.Types.NULL);
      return;
    }
    DataType t = f.dataType();
    Object v = r.get(at);
    if (t instanceof ArrayType a) {
      List<Object> list = r.getList(at);
      s.setArray(i, c.createArrayOf(baseName(a.elementType()), list.toArray()));
    } else if (t instanceof TimestampType) {
      s.setTimestamp(i, v instanceof Instant in ? Timestamp.from(in) : (Timestamp) v);
    } else if (t instanceof DateType) {
      s.setObject(i, asLocalDate(v));
    } else if (t instanceof DecimalType) {
      s.setBigDecimal(i, (BigDecimal) v);
    } else {
      s.setObject(i, v);
    }
  }

  /** The PostgreSQL type of a Spark column; a type without one is refused by name. */
  static String sqlType(DataType t, String table, StructField f) {
    if (t instanceof ArrayType a) {
      return baseName(a.elementType()) + "[]";
    }
    if (t instanceof DecimalType d) {
      return "numeric(" + d.precision() + "," + d.scale() + ")";
    }
    return baseName(t);
  }

  private static String baseName(DataType t) {
    if (t instanceof StringType) {
      return "text";
    } else if (t instanceof IntegerType || t instanceof ShortType) {
      return "integer";
    } else if (t instanceof LongType) {
      return "bigint";
    } else if (t instanceof DoubleType) {
      return "float8";
    } else if (t instanceof FloatType) {
      return "float4";
    } else if (t instanceof BooleanType) {
      return "boolean";
    } else if (t instanceof DateType) {
      return "date";
    } else if (t instanceof TimestampType) {
      return "timestamptz";
    } else if (t instanceof DecimalType) {
      return "numeric";
    }
    throw new IllegalArgumentException("no PostgreSQL type for the Spark type " + t.simpleString());
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException again) {
      cause.addSuppressed(again); // the server rolls back an unfinished transaction anyway
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /**
   * What went wrong, in one line: a refused login or an unknown database is the configuration's
   * (exit 2), anything else an output that could not be committed (exit 4).
   */
  static RapportException failure(SinkSettings.Postgres sink, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String reason = firstLine(e.getMessage());
    if (state.startsWith("28") || state.equals("3D000")) {
      return new RapportException(
          ExitCode.USAGE,
          String.format(
              "cannot publish to %s as %s: %s; check sinks.postgres (url, user) and the password in"
                  + " %s",
              sink.url(), sink.user(), reason, sink.passwordEnv()),
          e);
    }
    return RapportException.output(
        e,
        "cannot publish to %s (schema %s): %s; nothing was changed in the database (the rows"
            + " published before are kept): fix it and run ./rapport publish again",
        sink.url(),
        sink.schema(),
        reason);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no reason given";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
