package dev.coffer.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty PostgreSQL database for one test class.
 *
 * <p>Connects to {@code COFFER_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user
 * {@code COFFER_TEST_PG_USER}, default {@code postgres}) and creates a database with a random name. When no
 * PostgreSQL answers, the PostgreSQL tests are skipped on a developer's machine but fail under CI
 * ({@code CI=true}), so that CI can never pass without running them.
 */
public final class PostgresTestDatabase {

    private static final String ADMIN_URL = env("COFFER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("COFFER_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("COFFER_TEST_PG_PASSWORD", "");

    private static Boolean reachable;

    private PostgresTestDatabase() {
    }

    /** Creates a new empty database and returns its JDBC URL. */
    public static String create() {
        String name = "coffer_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required under CI but " + ADMIN_URL + " failed: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + ADMIN_URL + " (" + e.getMessage() + "); PostgreSQL tests skipped");
        }
        int slash = ADMIN_URL.lastIndexOf('/');
        return ADMIN_URL.substring(0, slash + 1) + name;
    }

    /** Whether a PostgreSQL server answers at the configured address (asked once per test JVM). */
    static synchronized boolean reachable() {
        if (reachable == null) {
            try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD)) {
                reachable = c.isValid(5);
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }

    static String adminUrl() {
        return ADMIN_URL;
    }

    /** Drops a test database when the test JVM ends, so repeated runs leave nothing behind. */
    private static void drop(String name) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
