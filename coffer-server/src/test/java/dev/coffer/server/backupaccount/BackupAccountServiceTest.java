package dev.coffer.server.backupaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.support.ServerTest;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class BackupAccountServiceTest extends ServerTest {

    @Autowired
    CustomerService customers;
    @Autowired
    CustomerUserService users;
    @Autowired
    BackupAccountService accounts;
    @Autowired
    JdbcClient jdbc;

    private final Map<Long, String> domains = new HashMap<>();

    /** A customer with its own domain. */
    private long customer(Quotas quotas) {
        String domain = unique("c").toLowerCase(Locale.ROOT) + ".example";
        long id = customers.create(unique("Customer"), unique("admin"), "admin@c.example", Optional.empty(), quotas,
                List.of(domain)).customer().id();
        domains.put(id, domain);
        return id;
    }

    /** A new login at the customer's domain. */
    private String login(long customerId, String prefix) {
        return unique(prefix) + "@" + domains.get(customerId);
    }

    private long user(long customerId) {
        return users.create(customerId, "User", unique("user") + "@c.example").id();
    }

    private static BackupSettings settings(String login, Quotas quotas) {
        return new BackupSettings(login, NotificationLevel.ERRORS_AND_WARNINGS, true, false, quotas);
    }

    @Test
    void assignsWithGeneratedPasswordStoredOnlyAsArgon2idHash() {
        long c = customer(Quotas.unlimited());
        long u = user(c);
        String login = login(c, "login");

        AssignResult r = accounts.assign(c, u, settings(login, Quotas.unlimited()), Optional.empty());

        assertThat(r.generatedPassword()).isPresent();
        assertThat(r.account().login()).isEqualTo(login);
        assertThat(r.account().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(r.account().notificationLevel()).isEqualTo(NotificationLevel.ERRORS_AND_WARNINGS);
        String hash = jdbc.sql("SELECT password_hash FROM backup_account WHERE user_id = ?").param(u)
                .query(String.class).single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(r.generatedPassword().get());
        assertThat(accounts.find(c, u)).contains(r.account());
    }

    @Test
    void ownPasswordIsNotReturnedAndWeakOneIsRefused() {
        long c = customer(Quotas.unlimited());
        long u = user(c);
        String login = login(c, "own");
        assertThatThrownBy(() -> accounts.assign(c, u, settings(login, Quotas.unlimited()), Optional.of("password")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).extracting(FieldProblem::field).containsOnly("password"));
        assertThat(accounts.find(c, u)).isEmpty();

        AssignResult r = accounts.assign(c, u, settings(login, Quotas.unlimited()), Optional.of("Long-Enough-Pass-9"));
        assertThat(r.generatedPassword()).isEmpty();
    }

    @Test
    void loginIsUniqueIgnoringCaseAndAnotherCustomersDomainIsRefusedBeforeThat() {
        long c1 = customer(Quotas.unlimited());
        long c2 = customer(Quotas.unlimited());
        String login = login(c1, "Same");
        accounts.assign(c1, user(c1), settings(login, Quotas.unlimited()), Optional.empty());
        long other = user(c1);
        assertThatThrownBy(() -> accounts.assign(c1, other, settings(login.toUpperCase(), Quotas.unlimited()),
                Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems()).containsExactly(new FieldProblem("login", "is already taken")));

        // customer 2 gets the same answer for the taken login as for a free one of customer 1's domain
        long u2 = user(c2);
        for (String tried : List.of(login.toUpperCase(), login(c1, "free"))) {
            assertThatThrownBy(() -> accounts.assign(c2, u2, settings(tried, Quotas.unlimited()), Optional.empty()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                            new FieldProblem("login", "must be an address at " + domains.get(c2))));
        }
        assertThat(accounts.find(c2, u2)).isEmpty();
        assertThat(accounts.find(c1, other)).isEmpty();
    }

    @Test
    void userQuotasMustFitWhatTheCustomerHasLeft() {
        Quotas customerQuotas = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(100))
                .with(QuotaItem.devices(DeviceType.SERVER), Limit.of(3));
        long c = customer(customerQuotas);
        long u1 = user(c);
        long u2 = user(c);
        Quotas sixty = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(60)).with(QuotaItem.devices(DeviceType.SERVER), Limit.of(2));
        accounts.assign(c, u1, settings(login(c, "q1"), sixty), Optional.empty());

        assertThat(accounts.remaining(c, OptionalLong.empty()).storageGb().value()).hasValue(40);
        assertThat(accounts.remaining(c, OptionalLong.of(u1)).storageGb().value()).hasValue(100);
        assertThat(accounts.remaining(c, OptionalLong.empty()).of(DeviceType.VM).devices().isUnlimited()).isTrue();

        assertThatThrownBy(() -> accounts.assign(c, u2, settings(login(c, "q2"), sixty), Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).containsExactly(
                        new FieldProblem("quotas.storage.limitGb",
                                "exceeds what the customer has left: 40 GB of Storage are left"),
                        new FieldProblem("quotas.servers.devices",
                                "exceeds what the customer has left: 1 devices of Servers are left")));
        assertThatThrownBy(() -> accounts.assign(c, u2, settings(login(c, "q3"), Quotas.unlimited()), Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("quotas.storage.limitGb", "quotas.servers.devices"));
        assertThat(accounts.find(c, u2)).isEmpty();

        Quotas fits = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(40)).with(QuotaItem.devices(DeviceType.SERVER), Limit.of(1));
        assertThat(accounts.assign(c, u2, settings(login(c, "q4"), fits), Optional.empty()).account().quotas())
                .isEqualTo(fits);
    }

    @Test
    void updateNeedsCurrentVersionAndStaleOneChangesNothing() {
        long c = customer(Quotas.unlimited());
        long u = user(c);
        String login = login(c, "upd");
        BackupAccount a = accounts.assign(c, u, settings(login, Quotas.unlimited()), Optional.empty()).account();
        Quotas soft = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.soft(50))
                .with(QuotaItem.devices(DeviceType.VM), Limit.of(2, 1));

        BackupAccount b = accounts.update(c, u, new BackupSettings(login, NotificationLevel.ALL, false, true, soft),
                a.version());
        assertThat(b.version()).isGreaterThan(a.version());
        assertThat(b.quotas()).isEqualTo(soft);
        assertThat(b.manageOtherUsers()).isTrue();

        assertThatThrownBy(() -> accounts.update(c, u, settings(login, Quotas.unlimited()), a.version()))
                .isInstanceOf(ConflictException.class);
        assertThat(accounts.get(c, u)).isEqualTo(b);
    }

    @Test
    void passwordSuspendResumeAndRemoval() {
        long c = customer(Quotas.unlimited());
        long u = user(c);
        accounts.assign(c, u, settings(login(c, "life"), Quotas.unlimited()), Optional.empty());
        String hash = hash(u);

        AssignResult p = accounts.setPassword(c, u, Optional.empty());
        assertThat(p.generatedPassword()).isPresent();
        assertThat(hash(u)).isNotEqualTo(hash);

        assertThat(accounts.suspend(c, u).status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(accounts.resume(c, u).status()).isEqualTo(AccountStatus.ACTIVE);

        RemovedAccount removed = accounts.remove(c, u);
        assertThat(Duration.between(removed.removedAt(), removed.deleteBackupsAfter())).isEqualTo(Duration.ofDays(30));
        assertThat(accounts.find(c, u)).isEmpty();
        assertThat(users.get(c, u)).isNotNull();
    }

    @Test
    void disabledCustomersAccountsReadAsSuspended() {
        long c = customer(Quotas.unlimited());
        long u = user(c);
        accounts.assign(c, u, settings(login(c, "off"), Quotas.unlimited()), Optional.empty());
        customers.setEnabled(c, false);
        assertThat(accounts.get(c, u).status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThatThrownBy(() -> accounts.resume(c, u)).isInstanceOf(ConflictException.class);
        customers.setEnabled(c, true);
        assertThat(accounts.get(c, u).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void anotherCustomersUserIsNotFound() {
        long a = customer(Quotas.unlimited());
        long b = customer(Quotas.unlimited());
        long ua = user(a);
        accounts.assign(a, ua, settings(login(a, "iso"), Quotas.unlimited()), Optional.empty());

        assertThat(accounts.find(b, ua)).isEmpty();
        assertThatThrownBy(() -> accounts.assign(b, ua, settings(login(b, "x"), Quotas.unlimited()), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.suspend(b, ua)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.setPassword(b, ua, Optional.empty())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> accounts.remove(b, ua)).isInstanceOf(NotFoundException.class);
        assertThat(accounts.get(a, ua).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void userWithServiceCannotBeDeleted() {
        long c = customer(Quotas.unlimited());
        long u = user(c);
        accounts.assign(c, u, settings(login(c, "del"), Quotas.unlimited()), Optional.empty());
        assertThatThrownBy(() -> users.delete(c, u)).isInstanceOf(ConflictException.class);
        accounts.remove(c, u);
        users.delete(c, u);
        assertThat(users.list(c)).isEmpty();
    }

    @Test
    void customerQuotaCannotDropBelowWhatAccountsHold() {
        long c = customer(Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(100)));
        accounts.assign(c, user(c), settings(login(c, "hold"), Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(70))),
                Optional.empty());
        var current = customers.get(c);
        assertThatThrownBy(() -> customers.update(c, current.name(),
                Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(50)), current.version()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("quotas.storage.limitGb"));
        assertThat(customers.update(c, current.name(), Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(70)),
                current.version()).quotas().storageGb()).isEqualTo(Limit.of(70));
    }

    private String hash(long userId) {
        return jdbc.sql("SELECT password_hash FROM backup_account WHERE user_id = ?").param(userId)
                .query(String.class).single();
    }
}
