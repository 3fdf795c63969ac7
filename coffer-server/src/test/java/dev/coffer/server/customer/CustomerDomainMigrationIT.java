package dev.coffer.server.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The V15 migration on a database that already holds customers, admins and backup accounts: each customer gets the
 * domains of its logins and admin emails that no other customer uses; everything else stays as it was.
 */
abstract class CustomerDomainMigrationIT {

    /** A fresh, empty database of the kind under test. */
    abstract DriverManagerDataSource emptyDatabase();

    @Test
    void existingCustomersGetTheirUnambiguousDomainsAndNothingElseChanges() {
        DriverManagerDataSource db = emptyDatabase();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("11.1").load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        long alpha = customer(jdbc, "Alpha");
        long bravo = customer(jdbc, "Bravo");
        long quiet = customer(jdbc, "Quiet");   // no backup account: its admin's email gives it its domain
        admin(jdbc, alpha, "alpha-admin", "it@alpha.example");
        admin(jdbc, bravo, "bravo-admin", "it@shared.example");
        admin(jdbc, quiet, "quiet-admin", "Boss@Quiet.Example");
        account(jdbc, alpha, "ann@alpha.example");
        account(jdbc, alpha, "Bob@Alpha.Example");
        account(jdbc, alpha, "carol@second-alpha.example");
        account(jdbc, alpha, "dave@shared.example");     // bravo's admin is at shared.example too: ambiguous
        account(jdbc, alpha, "not-an-address");
        account(jdbc, bravo, "erin@bravo.example");
        account(jdbc, bravo, "frank@10.0.0.1");          // an IP address is no domain
        account(jdbc, bravo, "gina@under_score.example"); // not a host name
        long accountsBefore = count(jdbc, "backup_account");

        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

        assertThat(domains(jdbc, alpha)).containsExactly("alpha.example", "second-alpha.example");
        assertThat(domains(jdbc, bravo)).containsExactly("bravo.example");
        assertThat(domains(jdbc, quiet)).containsExactly("quiet.example");
        assertThat(count(jdbc, "customer_domain")).isEqualTo(4);
        assertThat(count(jdbc, "backup_account")).isEqualTo(accountsBefore);
        assertThat(jdbc.sql("SELECT login FROM backup_account WHERE customer_id = ? ORDER BY id").param(alpha)
                .query(String.class).list()).contains("not-an-address", "dave@shared.example");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = "
                + "'customer_domain_candidate'").query(Long.class).single()).isZero();
    }

    private static long customer(JdbcClient jdbc, String name) {
        jdbc.sql("INSERT INTO customer (name, enabled, created_at, version) VALUES (?, TRUE, CURRENT_TIMESTAMP, 0)")
                .param(name).update();
        return jdbc.sql("SELECT id FROM customer WHERE name = ?").param(name).query(Long.class).single();
    }

    private static void admin(JdbcClient jdbc, long customerId, String login, String email) {
        jdbc.sql("INSERT INTO panel_user (customer_id, login, login_key, email, password_hash, role, created_at) "
                        + "VALUES (?, ?, ?, ?, 'x', 'CUSTOMER_ADMIN', CURRENT_TIMESTAMP)")
                .params(customerId, login, login.toLowerCase(), email).update();
    }

    private static void account(JdbcClient jdbc, long customerId, String login) {
        jdbc.sql("INSERT INTO customer_user (customer_id, name, email, created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")
                .params(customerId, login, login + ".user@mail.example").update();
        long userId = jdbc.sql("SELECT MAX(id) FROM customer_user").query(Long.class).single();
        jdbc.sql("INSERT INTO backup_account (customer_id, user_id, login, login_key, password_hash, "
                        + "notification_level, quota_notifications, manage_other_users, suspended, created_at, version) "
                        + "VALUES (?, ?, ?, ?, 'x', 'ERRORS', TRUE, FALSE, FALSE, CURRENT_TIMESTAMP, 0)")
                .params(customerId, userId, login, login.toLowerCase()).update();
    }

    private static List<String> domains(JdbcClient jdbc, long customerId) {
        return jdbc.sql("SELECT domain FROM customer_domain WHERE customer_id = ? ORDER BY domain").param(customerId)
                .query(String.class).list();
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
