package dev.coffer.server.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.coffer.server.backupaccount.AccountCredentials;
import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.storage.RepositoryKeys;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.identity.LoginThrottle;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.ValidationException;
import dev.coffer.server.notification.Notifications;
import dev.coffer.server.notification.QuotaRefused;
import dev.coffer.server.usage.UsageLedger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers, lists and removes the devices of backup accounts. A registration is refused (and changes nothing but
 * the record of refusals) when the credentials are wrong, the account is not active, or the device type's count
 * quota + overage is full; the count is taken by one conditional UPDATE of the account's per-type counter, so
 * concurrent registrations, also on several server instances, never pass the quota. Every other method takes the
 * account first and touches only that account's devices.
 */
@Service
public class DeviceService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final BackupAccountService accounts;
    private final CustomerService customers;
    private final DeviceTokens tokens;
    private final RegistrationTokens registrationTokens;
    private final RepositoryKeys keys;
    private final LoginThrottle throttle;
    private final DeviceSlots slots;
    private final UsageLedger ledger;
    private final Notifications notifications;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private volatile String dummyHash;

    DeviceService(JdbcClient jdbc, BackupAccountService accounts, CustomerService customers, DeviceTokens tokens,
                  RegistrationTokens registrationTokens, RepositoryKeys keys, LoginThrottle throttle,
                  DeviceSlots slots, UsageLedger ledger, Notifications notifications,
                  PasswordEncoder encoder, Clock clock, PlatformTransactionManager transactions) {
        this.slots = slots;
        this.ledger = ledger;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.customers = customers;
        this.tokens = tokens;
        this.registrationTokens = registrationTokens;
        this.keys = keys;
        this.throttle = throttle;
        this.encoder = encoder;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Registers a device ({@code address}: the client's, for throttling password guesses).
     *
     * @throws ValidationException   naming login, password, registrationToken, deviceType or name
     * @throws AgentProblemException unauthenticated (wrong login, password or token), throttled, account-suspended,
     *                               customer-disabled or device-quota
     */
    public Registration register(RegistrationRequest request, String address) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<DeviceType> type = DeviceNames.type("deviceType", request.deviceType(), problems);
        DeviceNames.name("name", request.name(), problems);
        boolean byToken = request.registrationToken() != null;
        if (byToken && (request.login() != null || request.password() != null)) {
            problems.add(new FieldProblem("registrationToken", "give either registrationToken or login and password"));
        } else if (!byToken) {
            if (request.login() == null || request.login().isBlank()) {
                problems.add(new FieldProblem("login", "must not be empty (or give a registrationToken)"));
            }
            if (request.password() == null || request.password().isEmpty()) {
                problems.add(new FieldProblem("password", "must not be empty (or give a registrationToken)"));
            }
        }
        ValidationException.throwIfAny(problems);

        Optional<Long> tokenId = Optional.empty();
        BackupAccount account;
        if (byToken) {
            throttled(Optional.empty(), address);
            RegistrationTokens.Token row = registrationTokens.find(request.registrationToken()).orElseThrow(() -> {
                throttle.recordFailure(Optional.empty(), address);
                return AgentProblem.UNAUTHENTICATED.exception(
                        "this registration token is unknown, already used or expired; ask for a new one");
            });
            account = accounts.find(row.customerId(), row.userId()).filter(a -> a.id() == row.accountId())
                    .orElseThrow(() -> AgentProblem.ACCOUNT_SUSPENDED.exception(
                            "the backup account of this registration token was removed"));
            tokenId = Optional.of(row.id());
        } else {
            account = checkPassword(request.login(), request.password(), address);
        }
        checkActive(account);
        boolean created = keys.ensureRepository(account.id());
        DeviceType t = type.orElseThrow();
        slots.ensureCounter(account.id(), t);
        String token = tokens.newDeviceToken();
        UUID id = UUID.randomUUID();
        String schedule = defaultSchedule();
        String name = request.name().strip();
        Optional<Long> consume = tokenId;
        try {
            transaction.executeWithoutResult(s -> {
                if (consume.isPresent() && !registrationTokens.consume(consume.get())) {
                    throw AgentProblem.UNAUTHENTICATED.exception(
                            "this registration token is unknown, already used or expired; ask for a new one");
                }
                slots.take(account, t);
                jdbc.sql("INSERT INTO device (id, account_id, customer_id, user_id, name, device_type, token_hash, "
                                + "schedule, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(id, account.id(), account.customerId(), account.userId(), name, t.name(),
                                tokens.hash(token), schedule, Sql.timestamp(clock.instant()))
                        .update();
                ledger.devicesChanged(account.id(), t);
            });
        } catch (AgentProblemException e) {
            if (e.problem() == AgentProblem.DEVICE_QUOTA) {
                recordRefusal(account.id(), t, name, e.getMessage());
            }
            throw e;
        }
        return new Registration(new DevicePrincipal(id, account.id(), account.customerId(), account.userId(),
                account.login(), t, name, schedule), token, created);
    }

    /** The account's registered devices, by registration time, each with its last run. */
    public List<Device> list(long accountId) {
        return jdbc.sql("SELECT d.id, d.account_id, d.name, d.device_type, d.registered_at, d.schedule, d.version, "
                        + "r.status, "
                        + "r.started_at, r.finished_at, r.bytes_added, r.message FROM device d LEFT JOIN device_run r "
                        + "ON r.id = (SELECT r2.id FROM device_run r2 WHERE r2.device_id = d.id "
                        + "ORDER BY r2.received_at DESC, r2.id FETCH FIRST 1 ROWS ONLY) "
                        + "WHERE d.account_id = ? AND d.removed_at IS NULL ORDER BY d.registered_at, d.id")
                .param(accountId)
                .query((rs, n) -> {
                    Optional<LastRun> last = rs.getString("status") == null ? Optional.empty()
                            : Optional.of(new LastRun(RunStatus.valueOf(rs.getString("status")),
                            Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                            (Long) rs.getObject("bytes_added", Long.class), rs.getString("message")));
                    return new Device(rs.getObject("id", UUID.class), rs.getLong("account_id"), rs.getString("name"),
                            DeviceType.valueOf(rs.getString("device_type")), Sql.instant(rs, "registered_at"),
                            rs.getString("schedule"), last, rs.getLong("version"));
                }).list();
    }

    /** Removes the device: its token stops working at once; its backups stay in the account's repository. */
    public void remove(long accountId, UUID deviceId) {
        remove(accountId, deviceId, java.util.OptionalLong.empty());
    }

    /**
     * Removes the device if it still has {@code expectedVersion} (when given).
     *
     * @throws NotFoundException not a registered device of the account
     * @throws ConflictException the device changed since that version; nothing is removed
     */
    public void remove(long accountId, UUID deviceId, java.util.OptionalLong expectedVersion) {
        transaction.executeWithoutResult(s -> {
            Map<String, Object> row = jdbc.sql("SELECT device_type, version FROM device WHERE id = ? AND account_id = ? "
                    + "AND removed_at IS NULL FOR UPDATE").params(deviceId, accountId).query().listOfRows().stream()
                    .findFirst().orElseThrow(() -> new NotFoundException("device " + deviceId + " not found"));
            checkVersion(deviceId, ((Number) row.get("version")).longValue(), expectedVersion);
            String type = (String) row.get("device_type");
            jdbc.sql("UPDATE device SET removed_at = ? WHERE id = ?").params(Sql.timestamp(clock.instant()), deviceId)
                    .update();
            slots.free(accountId, type);
            ledger.devicesChanged(accountId, DeviceType.valueOf(type));
        });
    }

    /** Sets the device's daily backup time ("HH:MM"). @throws ValidationException naming "daily" */
    public Device setSchedule(long accountId, UUID deviceId, String daily) {
        return setSchedule(accountId, deviceId, daily, java.util.OptionalLong.empty());
    }

    /**
     * Sets the device's daily backup time if it still has {@code expectedVersion} (when given), raising its version.
     *
     * @throws ValidationException naming "daily"; nothing changes
     * @throws NotFoundException   not a registered device of the account
     * @throws ConflictException   the device changed since that version; nothing changes
     */
    public Device setSchedule(long accountId, UUID deviceId, String daily, java.util.OptionalLong expectedVersion) {
        List<FieldProblem> problems = new ArrayList<>();
        String time = DeviceNames.daily("daily", daily, problems).orElse(null);
        ValidationException.throwIfAny(problems);
        Device current = find(accountId, deviceId)
                .orElseThrow(() -> new NotFoundException("device " + deviceId + " not found"));
        checkVersion(deviceId, current.version(), expectedVersion);
        // conditional on the version read: a concurrent change makes this update miss, never overwrite
        if (jdbc.sql("UPDATE device SET schedule = ?, version = version + 1 WHERE id = ? AND account_id = ? "
                        + "AND removed_at IS NULL AND version = ?")
                .params(time, deviceId, accountId, current.version()).update() != 1) {
            throw find(accountId, deviceId).isPresent() ? changed(deviceId)
                    : new NotFoundException("device " + deviceId + " not found");
        }
        return find(accountId, deviceId).orElseThrow();
    }

    private static void checkVersion(UUID deviceId, long version, java.util.OptionalLong expected) {
        if (expected.isPresent() && expected.getAsLong() != version) {
            throw changed(deviceId);
        }
    }

    private static ConflictException changed(UUID deviceId) {
        return new ConflictException("device " + deviceId + " was changed after it was read (version)");
    }

    /** A one-time registration token for the account, valid for {@code hours} (1..2160). */
    public CreatedRegistrationToken createRegistrationToken(BackupAccount account, int hours) {
        return registrationTokens.create(account, hours);
    }

    /** A registration refused by the count quota: the device's name and type, when, and the message it got. */
    public record Refusal(String name, DeviceType type, java.time.Instant refusedAt, String message) {
    }

    /** The refusals recorded for the account, newest first (at most {@code max}). */
    public List<Refusal> refusals(long accountId, int max) {
        return jdbc.sql("SELECT name, device_type, refused_at, message FROM device_refusal WHERE account_id = ? "
                        + "ORDER BY refused_at DESC, id DESC FETCH FIRST " + Math.max(1, max) + " ROWS ONLY")
                .param(accountId)
                .query((rs, n) -> new Refusal(rs.getString("name"), DeviceType.valueOf(rs.getString("device_type")),
                        Sql.instant(rs, "refused_at"), rs.getString("message")))
                .list();
    }

    /** The account's device, if it is registered (not removed). */
    public Optional<Device> find(long accountId, UUID deviceId) {
        return list(accountId).stream().filter(d -> d.id().equals(deviceId)).findFirst();
    }

    /**
     * Throws the protocol's problem when the account may not back up now: account-suspended (suspended or
     * removed) or customer-disabled.
     */
    void checkActive(BackupAccount account) {
        if (account.status() == AccountStatus.SUSPENDED) {
            if (!customers.get(account.customerId()).enabled()) {
                throw AgentProblem.CUSTOMER_DISABLED.exception("the customer of this backup account is disabled");
            }
            throw AgentProblem.ACCOUNT_SUSPENDED.exception("the backup account " + account.login() + " is suspended");
        }
    }

    private BackupAccount checkPassword(String login, String password, String address) {
        dev.coffer.server.identity.LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.reserve(dev.coffer.server.identity.LoginArea.AGENT, Optional.of(login), address);
        } catch (dev.coffer.server.identity.LoginThrottledException e) {
            throw new AgentProblemException(AgentProblem.THROTTLED, 429, e.getMessage(),
                    Map.of("retryAfterSeconds", Math.max(1, e.retryAfter().getSeconds())));
        }
        boolean matches;
        Optional<AccountCredentials> credentials;
        try {
            credentials = accounts.findCredentials(login);
            // Check a password also for unknown logins, so that timing does not tell which logins exist.
            matches = encoder.matches(password, credentials.map(AccountCredentials::passwordHash)
                    .orElseGet(this::dummyHash));
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (credentials.isEmpty() || !matches) {
            attempt.failed();
            throw AgentProblem.UNAUTHENTICATED.exception("wrong login or password");
        }
        attempt.succeeded();
        return credentials.get().account();
    }

    private void throttled(Optional<String> login, String address) {
        try {
            throttle.check(login, address);
        } catch (dev.coffer.server.identity.LoginThrottledException e) {
            throw new AgentProblemException(AgentProblem.THROTTLED, 429, e.getMessage(),
                    Map.of("retryAfterSeconds", Math.max(1, e.retryAfter().getSeconds())));
        }
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = encoder.encode("not-a-password-" + RANDOM.nextLong());
            dummyHash = h;
        }
        return h;
    }

    /** Records the refusal and notifies it (the "stopped" quota alert), in one transaction. */
    private void recordRefusal(long accountId, DeviceType type, String name, String message) {
        transaction.executeWithoutResult(s -> {
            jdbc.sql("INSERT INTO device_refusal (account_id, device_type, name, message, refused_at) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(accountId, type.name(), name, message, Sql.timestamp(clock.instant())).update();
            notifications.publish(new QuotaRefused(accountId, name, UsageLedger.countItem(type), message,
                    clock.instant()));
        });
    }

    private static String defaultSchedule() {
        int minute = 60 + RANDOM.nextInt(4 * 60 + 1); // 01:00 .. 05:00
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }
}
