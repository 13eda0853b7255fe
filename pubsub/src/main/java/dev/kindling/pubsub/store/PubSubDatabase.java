package dev.kindling.pubsub.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The database the PubSub service keeps its state in: a pool of connections to embedded H2 (a file under the
 * data directory, nothing to install) or to PostgreSQL (for production, and for several instances serving one
 * domain), with the schema brought up to date by Flyway when it opens.
 */
public final class PubSubDatabase implements AutoCloseable {
  private static final String MIGRATIONS = "classpath:dev/kindling/pubsub/db/migration";

  private final HikariDataSource pool;
  private final boolean postgres;

  private PubSubDatabase(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
  }

  /**
   * Opens the database at {@code url} and migrates its schema.
   *
   * @param url a JDBC URL, {@code jdbc:h2:…} or {@code jdbc:postgresql:…}
   * @param poolSize the most connections held
   * @throws IllegalStateException naming the URL if it cannot be opened or migrated
   */
  public static PubSubDatabase open(String url, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setPoolName("kindling-pubsub");
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot open the PubSub database " + url + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure().dataSource(pool).locations(MIGRATIONS).loggers("slf4j").load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException("cannot migrate the PubSub database " + url + ": " + rootMessage(e), e);
    }
    return new PubSubDatabase(pool, url.startsWith("jdbc:postgresql:"));
  }

  /**
   * An H2 URL for a file database at {@code path} (without its {@code .mv.db} suffix), in PostgreSQL mode so that
   * one SQL serves both, and with {@code WRITE_DELAY=0}: H2 otherwise writes commits out up to half a second
   * later, and a process killed meanwhile loses publishes it has already acknowledged ({@code
   * PubSubDurabilityIT} caught that).
   */
  public static String h2Url(java.nio.file.Path path) {
    return "jdbc:h2:file:" + path.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** A connection from the pool. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** Whether this is PostgreSQL (which has LISTEN/NOTIFY), not H2. */
  public boolean isPostgres() {
    return postgres;
  }

  @Override
  public void close() {
    pool.close();
  }
}
