package rapport.publish;

import java.util.Optional;
import rapport.config.ConfigNode;

/**
 * The {@code sinks:} section of {@code rapport.yaml}: where {@code publish} writes a run's results
 * besides the run folder. Absent: no sink, and {@code run} does not publish.
 *
 * @param postgres the PostgreSQL database, when configured
 */
public record SinkSettings(Optional<Postgres> postgres) {
  public static final String SECTION = "sinks";

  /**
   * {@code sinks.postgres}.
   *
   * @param url the JDBC URL, {@code jdbc:postgresql://HOST:5432/DB}
   * @param user the database user
   * @param password from the environment variable named by {@code password_env}; never in the file
   * @param passwordEnv the name of that variable (for messages)
   * @param schema the database schema the tables are written into (created when missing)
   */
  public record Postgres(
      String url, String user, String password, String passwordEnv, String schema) {
    static Postgres read(ConfigNode n) {
      String url = n.requiredString("url", "the JDBC URL, e.g. jdbc:postgresql://HOST:5432/DB");
      if (!url.startsWith("jdbc:postgresql://")) {
        throw n.error(
            "'%s.url' is '%s'; allowed: a PostgreSQL JDBC URL, jdbc:postgresql://HOST:5432/DB",
            n.path(), url);
      }
      String user = n.requiredString("user", "the database user rapport connects as");
      n.optionalString("password"); // refused, naming password_env, when the file holds one
      String env =
          n.requiredString(
              "password_env",
              "the name of the environment variable that holds the password, e.g."
                  + " RAPPORT_PG_PASSWORD (the password never lives in the file)");
      String password = n.secret("password").orElseThrow();
      String schema = n.string("schema", "rapport");
      if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
        throw n.error(
            "'%s.schema' is '%s'; allowed: a lower-case SQL name (letters, digits, _), e.g."
                + " rapport",
            n.path(), schema);
      }
      n.finish();
      return new Postgres(url, user, password, env, schema);
    }

    /** Never the password. */
    @Override
    public String toString() {
      return "postgres " + url + " as " + user + ", schema " + schema;
    }
  }

  public static SinkSettings read(ConfigNode n) {
    ConfigNode pg = n.child("postgres");
    Optional<Postgres> postgres =
        n.has("postgres") ? Optional.of(Postgres.read(pg)) : Optional.empty();
    n.finish();
    return new SinkSettings(postgres);
  }
}
