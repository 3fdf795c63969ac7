package dev.coffer.server.backupaccount;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.coffer.server.identity.PasswordPolicy;
import dev.coffer.server.customer.Customer;
import dev.coffer.server.customer.CustomerDomains;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.quota.QuotaAllocations;
import dev.coffer.server.quota.QuotaColumns;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.QuotaRules;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.Inputs;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.ValidationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The backup service of a customer's users. Every method takes the customer first and touches only that customer's
 * rows (another customer's user is not found), runs in one transaction (a refused request changes nothing), and
 * changes {@code version} on every change. Changes that allocate quota lock the customer's row first, so that two
 * concurrent requests cannot together hand out more than the customer has.
 */
@Service
public class BackupAccountService {

    private static final String SELECT = "SELECT a.id, a.customer_id, a.user_id, a.login, a.notification_level, "
            + "a.quota_notifications, a.manage_other_users, a.suspended, a.created_at, a.version, "
            + prefixed("a.") + " FROM backup_account a ";

    private final JdbcClient jdbc;
    private final CustomerService customers;
    private final CustomerUserService users;
    private final QuotaAllocations allocations;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final int graceDays;
    private final CustomerDomains domains;
    private final ApplicationEventPublisher events;

    public BackupAccountService(JdbcClient jdbc, CustomerService customers, CustomerUserService users,
                                QuotaAllocations allocations, PasswordEncoder encoder, Clock clock,
                                @Value("${coffer.removal.grace-days:30}") int graceDays, CustomerDomains domains,
                                ApplicationEventPublisher events) {
        if (graceDays < 0) {
            throw new IllegalArgumentException("coffer.removal.grace-days must not be negative: " + graceDays);
        }
        this.jdbc = jdbc;
        this.customers = customers;
        this.users = users;
        this.allocations = allocations;
        this.encoder = encoder;
        this.clock = clock;
        this.graceDays = graceDays;
        this.domains = domains;
        this.events = events;
    }

    /** How long a removed account's backups are kept (coffer.removal.grace-days). */
    public int graceDays() {
        return graceDays;
    }

    @Transactional(readOnly = true)
    public Optional<BackupAccount> find(long customerId, long userId) {
        return jdbc.sql(SELECT + "WHERE a.customer_id = ? AND a.user_id = ?").params(customerId, userId)
                .query((rs, n) -> account(rs)).optional().map(this::asItsCustomerIs);
    }

    /** The account with this id, of whichever customer (for features that got the id from the account itself). */
    @Transactional(readOnly = true)
    public Optional<BackupAccount> findById(long accountId) {
        return jdbc.sql(SELECT + "WHERE a.id = ?").param(accountId).query((rs, n) -> account(rs)).optional();
    }

    /**
     * The account with this login (compared case-insensitively, like the uniqueness rule) and its password hash, for
     * logging its user in. Read-only; the caller checks the password and the status.
     */
    @Transactional(readOnly = true)
    public Optional<AccountCredentials> findCredentials(String login) {
        return jdbc.sql(SELECT.replace(" FROM ", ", a.password_hash FROM ") + "WHERE a.login_key = ?")
                .param(Inputs.loginKey(login))
                .query((rs, n) -> new AccountCredentials(account(rs), rs.getString("password_hash"))).optional()
                .map(c -> new AccountCredentials(asItsCustomerIs(c.account()), c.passwordHash()));
    }

    /** Every backup account of the customer, by login. */
    @Transactional(readOnly = true)
    public List<BackupAccount> list(long customerId) {
        List<BackupAccount> accounts = jdbc.sql(SELECT + "WHERE a.customer_id = ? ORDER BY a.login_key")
                .param(customerId).query((rs, n) -> account(rs)).list();
        return accounts.isEmpty() || customers.get(customerId).enabled() ? accounts
                : accounts.stream().map(BackupAccountService::suspended).toList();
    }

    /**
     * Assigns the service to the user (password empty = generate one).
     *
     * @throws ValidationException naming "login", "password", "notificationLevel" or a quota field: weak password,
     *                             login not at one of the customer's domains, login taken (only ever by an account
     *                             of the same customer), quota over what the customer has left
     * @throws ConflictException   when the user already has the service
     * @throws NotFoundException   when the user is not one of the customer's
     */
    @Transactional
    public AssignResult assign(long customerId, long userId, BackupSettings settings, Optional<String> password) {
        List<FieldProblem> problems = settingsProblems(settings);
        password.ifPresent(p -> passwordProblems(p, settings.login(), problems));
        domainProblem(customerId, settings, problems);
        ValidationException.throwIfAny(problems);
        // Hash before taking the customer's lock: Argon2 is deliberately slow and would serialize everyone else.
        String plain = password.orElseGet(PasswordPolicy::generate);
        String hash = encoder.encode(plain);
        Customer customer = customers.lock(customerId);
        users.get(customerId, userId);
        if (find(customerId, userId).isPresent()) {
            throw new ConflictException("user " + userId + " already has the backup service");
        }
        checkLoginFree(settings.login(), OptionalLong.empty());
        checkQuotas(customer, userId, settings.quotas());

        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO backup_account (customer_id, user_id, login, login_key, password_hash, "
                            + "notification_level, quota_notifications, manage_other_users, suspended, created_at, "
                            + "version, " + QuotaColumns.names() + ") VALUES (:customer, :user, :login, :loginKey, "
                            + ":hash, :level, :quotaNotifications, :manageOthers, FALSE, :created, 0, "
                            + QuotaColumns.placeholders() + ")")
                    .param("customer", customerId)
                    .param("user", userId)
                    .param("login", settings.login().strip())
                    .param("loginKey", Inputs.loginKey(settings.login()))
                    .param("hash", hash)
                    .param("level", settings.notificationLevel().name())
                    .param("quotaNotifications", settings.quotaNotifications())
                    .param("manageOthers", settings.manageOtherUsers())
                    .param("created", Sql.timestamp(clock.instant()))
                    .params(QuotaColumns.params(settings.quotas()))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            // Lost a race with another request for the same login (or user) between the check and the insert.
            throw new ValidationException("login", "is already taken");
        }
        return new AssignResult(get(customerId, userId), password.isPresent() ? Optional.empty() : Optional.of(plain));
    }

    /**
     * Changes the settings and quotas.
     *
     * @throws ConflictException when {@code expectedVersion} is not the current version (nothing is changed)
     */
    @Transactional
    public BackupAccount update(long customerId, long userId, BackupSettings settings, long expectedVersion) {
        List<FieldProblem> problems = settingsProblems(settings);
        ValidationException.throwIfAny(problems);
        Customer customer = customers.lock(customerId);
        BackupAccount current = get(customerId, userId);
        checkVersion(current, expectedVersion);
        if (!Inputs.loginKey(current.login()).equals(Inputs.loginKey(settings.login()))) {
            // a login kept as it is stays valid even outside the customer's domains (accounts from before them)
            domainProblem(customerId, settings, problems);
            ValidationException.throwIfAny(problems);
        }
        checkLoginFree(settings.login(), OptionalLong.of(current.id()));
        checkQuotas(customer, userId, settings.quotas());
        try {
            jdbc.sql("UPDATE backup_account SET login = :login, login_key = :loginKey, notification_level = :level, "
                            + "quota_notifications = :quotaNotifications, manage_other_users = :manageOthers, "
                            + "version = version + 1, " + QuotaColumns.assignments()
                            + " WHERE customer_id = :customer AND user_id = :user AND version = :version")
                    .param("login", settings.login().strip())
                    .param("loginKey", Inputs.loginKey(settings.login()))
                    .param("level", settings.notificationLevel().name())
                    .param("quotaNotifications", settings.quotaNotifications())
                    .param("manageOthers", settings.manageOtherUsers())
                    .param("customer", customerId)
                    .param("user", userId)
                    .param("version", expectedVersion)
                    .params(QuotaColumns.params(settings.quotas()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ValidationException("login", "is already taken");
        }
        if (!current.quotas().equals(settings.quotas())) {
            events.publishEvent(new AccountQuotasChanged(current.id()));
        }
        return get(customerId, userId);
    }

    /** Sets a new password (empty = generate one, returned once). Problems name the field "password". */
    @Transactional
    public AssignResult setPassword(long customerId, long userId, Optional<String> password) {
        BackupAccount current = get(customerId, userId);
        if (password.isPresent()) {
            List<FieldProblem> problems = new ArrayList<>();
            passwordProblems(password.get(), current.login(), problems);
            ValidationException.throwIfAny(problems);
        }
        String plain = password.orElseGet(PasswordPolicy::generate);
        jdbc.sql("UPDATE backup_account SET password_hash = ?, version = version + 1 "
                        + "WHERE customer_id = ? AND user_id = ?")
                .params(encoder.encode(plain), customerId, userId).update();
        return new AssignResult(get(customerId, userId), password.isPresent() ? Optional.empty() : Optional.of(plain));
    }

    @Transactional
    public BackupAccount suspend(long customerId, long userId) {
        return setSuspended(customerId, userId, true);
    }

    /** Resumes the service; refused while the customer is disabled (the account stays suspended then). */
    @Transactional
    public BackupAccount resume(long customerId, long userId) {
        if (!customers.get(customerId).enabled()) {
            throw new ConflictException("the customer is disabled; its backup accounts stay suspended");
        }
        return setSuspended(customerId, userId, false);
    }

    /**
     * Removes the service. The user can no longer log in or back up; stored backups are kept for the grace period
     * (coffer.removal.grace-days) and deleted after it.
     */
    @Transactional
    public RemovedAccount remove(long customerId, long userId) {
        BackupAccount current = get(customerId, userId);
        Instant now = clock.instant();
        Instant deleteAfter = now.plus(Duration.ofDays(graceDays));
        jdbc.sql("INSERT INTO backup_account_removal (customer_id, user_id, account_id, login, removed_at, "
                        + "delete_after) VALUES (?, ?, ?, ?, ?, ?)")
                .params(customerId, userId, current.id(), current.login(), Sql.timestamp(now),
                        Sql.timestamp(deleteAfter))
                .update();
        jdbc.sql("DELETE FROM backup_account WHERE customer_id = ? AND user_id = ?").params(customerId, userId)
                .update();
        return new RemovedAccount(current.login(), now, deleteAfter);
    }

    /**
     * What the customer has left to hand out, not counting the account of {@code excludingUserId} (the one being
     * edited): unlimited where the customer's quota is unlimited.
     */
    @Transactional(readOnly = true)
    public Quotas remaining(long customerId, OptionalLong excludingUserId) {
        Customer customer = customers.get(customerId);
        return QuotaRules.remaining(customer.quotas(), allocations.allocated(customerId, excludingUserId));
    }

    /** What the customer's backup accounts hold, per quota item (see {@link QuotaAllocations}). */
    @Transactional(readOnly = true)
    public Map<QuotaItem, QuotaAllocations.Allocation> allocations(long customerId) {
        return allocations.allocated(customerId, OptionalLong.empty());
    }

    /** Whether the customer's user has the backup service. */
    @Transactional(readOnly = true)
    public boolean hasAccount(long customerId, long userId) {
        return find(customerId, userId).isPresent();
    }

    /** The account, or NotFoundException when the user has no service or is not the customer's. */
    @Transactional(readOnly = true)
    public BackupAccount get(long customerId, long userId) {
        return find(customerId, userId)
                .orElseThrow(() -> new NotFoundException("user " + userId + " has no backup account"));
    }

    private BackupAccount setSuspended(long customerId, long userId, boolean suspended) {
        int n = jdbc.sql("UPDATE backup_account SET suspended = ?, version = version + 1 "
                        + "WHERE customer_id = ? AND user_id = ?")
                .params(suspended, customerId, userId).update();
        if (n == 0) {
            throw new NotFoundException("user " + userId + " has no backup account");
        }
        return get(customerId, userId);
    }

    private static void checkVersion(BackupAccount current, long expectedVersion) {
        if (current.version() != expectedVersion) {
            throw new ConflictException("the backup account was changed by someone else (version "
                    + current.version() + ", not " + expectedVersion + "); reload and try again");
        }
    }

    private void checkLoginFree(String login, OptionalLong exceptAccountId) {
        long n = jdbc.sql("SELECT COUNT(*) FROM backup_account WHERE login_key = ? AND id <> ?")
                .params(Inputs.loginKey(login), exceptAccountId.orElse(-1L)).query(Long.class).single();
        if (n > 0) {
            throw new ValidationException("login", "is already taken");
        }
    }

    /** A new login must be at one of the customer's domains; checked before "taken", so that says nothing. */
    private void domainProblem(long customerId, BackupSettings settings, List<FieldProblem> problems) {
        if (problems.stream().noneMatch(p -> p.field().equals("login"))) {
            domains.loginProblem(customerId, settings.login(), "login").ifPresent(problems::add);
        }
    }

    /** A user's limits must fit in what the customer has left once the other accounts are counted. */
    private void checkQuotas(Customer customer, long userId, Quotas wanted) {
        ValidationException.throwIfAny(QuotaRules.beyondWhatIsLeft(customer.quotas(),
                allocations.allocated(customer.id(), OptionalLong.of(userId)), wanted));
    }

    private static List<FieldProblem> settingsProblems(BackupSettings s) {
        List<FieldProblem> problems = new ArrayList<>();
        Inputs.login("login", s.login(), problems);
        if (s.notificationLevel() == null) {
            problems.add(new FieldProblem("notificationLevel", "must be one of NONE, ERRORS, ERRORS_AND_WARNINGS, ALL"));
        }
        problems.addAll(QuotaItem.problems(s.quotas()));
        return problems;
    }

    private static void passwordProblems(String password, String login, List<FieldProblem> problems) {
        PasswordPolicy.problems(password, login).forEach(m -> problems.add(new FieldProblem("password", m)));
    }

    /** The account as its status reads: suspended while its customer is disabled, whatever its own flag says. */
    private BackupAccount asItsCustomerIs(BackupAccount account) {
        return account.status() == AccountStatus.SUSPENDED || customers.get(account.customerId()).enabled()
                ? account : suspended(account);
    }

    private static BackupAccount suspended(BackupAccount a) {
        return new BackupAccount(a.id(), a.customerId(), a.userId(), a.login(), a.notificationLevel(),
                a.quotaNotifications(), a.manageOtherUsers(), a.quotas(), AccountStatus.SUSPENDED, a.createdAt(),
                a.version());
    }

    /** The row's own status; see {@link #asItsCustomerIs} for the customer's part. */
    private static BackupAccount account(ResultSet rs) throws SQLException {
        boolean suspended = rs.getBoolean("suspended");
        return new BackupAccount(rs.getLong("id"), rs.getLong("customer_id"), rs.getLong("user_id"),
                rs.getString("login"), NotificationLevel.valueOf(rs.getString("notification_level")),
                rs.getBoolean("quota_notifications"), rs.getBoolean("manage_other_users"), QuotaColumns.read(rs),
                suspended ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE, Sql.instant(rs, "created_at"),
                rs.getLong("version"));
    }

    private static String prefixed(String alias) {
        return alias + QuotaColumns.names().replace(", ", ", " + alias);
    }
}
