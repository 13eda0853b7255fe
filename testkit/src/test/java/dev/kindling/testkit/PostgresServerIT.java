package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test kit's throwaway PostgreSQL: databases of their own, and a stop or a crash that leaves nothing behind. */
class PostgresServerIT {
  @Test
  void eachCreatedDatabaseIsItsOwn() throws Exception {
    PostgresServer server = PostgresServer.shared();
    PostgresServer.Database first = server.createDatabase();
    PostgresServer.Database second = server.createDatabase();

    execute(first, "CREATE TABLE nodes (name text PRIMARY KEY)", "INSERT INTO nodes VALUES ('news')");

    assertThat(first.name()).isNotEqualTo(second.name());
    assertThat(first.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + first.name()
        + "?user=kindling");
    assertThat(tables(first)).containsExactly("nodes");
    assertThat(tables(second)).isEmpty();
    assertThat(PostgresServer.shared()).isSameAs(server);
  }

  @Test
  void theSharedServerCannotBeClosed() throws Exception {
    assertThatThrownBy(() -> PostgresServer.shared().close()).isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("the shared PostgreSQL stops when the JVM exits; stop() it to restart it, or take one of your "
            + "own with PostgresServer.startNew()");
  }

  @Test
  void stopLeavesNoProcessAndStartAgainKeepsTheData() throws Exception {
    PostgresServer server = PostgresServer.startNew();
    try {
      PostgresServer.Database database = server.createDatabase();
      execute(database, "CREATE TABLE kept (n int)", "INSERT INTO kept VALUES (1)");
      List<ProcessHandle> processes = processesOf(server);
      assertThat(processes).hasSizeGreaterThan(1);
      int port = server.port();
      long postmaster = server.pid();

      server.stop();

      assertThat(ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)).as("postmaster %d", postmaster)
          .isEmpty();
      assertThat(processes).noneMatch(ProcessHandle::isAlive);
      assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl())).isInstanceOf(SQLException.class);
      assertThatThrownBy(server::pid).isInstanceOf(IllegalStateException.class)
          .hasMessage("PostgreSQL on port " + port + " is not running");

      server.start();

      assertThat(server.port()).isEqualTo(port);
      assertThat(count(database, "kept")).isEqualTo(1);
    } finally {
      server.close();
    }
    assertThat(Files.exists(server.directory())).isFalse();
  }

  @Test
  void aCrashKeepsWhatWasCommittedAndLosesWhatWasNot() throws Exception {
    try (PostgresServer server = PostgresServer.startNew()) {
      PostgresServer.Database database = server.createDatabase();
      execute(database, "CREATE TABLE items (id int)", "INSERT INTO items VALUES (1)");
      List<ProcessHandle> processes = processesOf(server);
      Connection inFlight = DriverManager.getConnection(database.jdbcUrl());
      try {
        inFlight.setAutoCommit(false);
        try (Statement statement = inFlight.createStatement()) {
          statement.execute("INSERT INTO items VALUES (2)");
        }

        server.crash();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
      } finally {
        try {
          inFlight.close();
        } catch (SQLException expected) {
          // the server it was connected to is gone
        }
      }
      server.start();
      assertThat(count(database, "items")).isEqualTo(1);
    }
  }

  /** The postmaster and the processes it started. */
  private static List<ProcessHandle> processesOf(PostgresServer server) {
    ProcessHandle postmaster = ProcessHandle.of(server.pid()).orElseThrow();
    List<ProcessHandle> processes = new ArrayList<>(List.of(postmaster));
    processes.addAll(postmaster.descendants().toList());
    return processes;
  }

  private static void execute(PostgresServer.Database database, String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
         Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static List<String> tables(PostgresServer.Database database) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(
             "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  private static long count(PostgresServer.Database database, String table) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
