package dev.coffer.server.device;

import java.util.Optional;
import java.util.UUID;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.quota.DeviceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves a device token to its device: one HMAC and one indexed lookup (never a password hash), then the account's
 * and customer's state through their features' APIs. Refusals are the protocol's problems: unauthenticated or
 * device-removed (401), account-suspended or customer-disabled (403).
 */
@Component
public class DeviceAuthenticator {

    private final JdbcClient jdbc;
    private final DeviceTokens tokens;
    private final BackupAccountService accounts;
    private final DeviceService devices;

    public DeviceAuthenticator(JdbcClient jdbc, DeviceTokens tokens, BackupAccountService accounts,
                               DeviceService devices) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.accounts = accounts;
        this.devices = devices;
    }

    private record Row(UUID id, long accountId, long customerId, long userId, String name, String type,
                       String schedule, boolean removed) {
    }

    /** The device of {@code token}, or the problem that refuses it. */
    public DevicePrincipal authenticate(String token) {
        if (!DeviceTokens.wellFormed(token, DeviceTokens.DEVICE_PREFIX)) {
            throw AgentProblem.UNAUTHENTICATED.exception("send Authorization: Bearer coffer_dev_... (the device token "
                    + "in agent.json); register the agent with coffer-agent register");
        }
        Row row = jdbc.sql("SELECT id, account_id, customer_id, user_id, name, device_type, schedule, removed_at "
                        + "FROM device WHERE token_hash = ?")
                .param(tokens.hash(token))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8) != null))
                .optional()
                .orElseThrow(() -> AgentProblem.UNAUTHENTICATED.exception("unknown device token; register the agent "
                        + "again with coffer-agent register"));
        if (row.removed()) {
            throw AgentProblem.DEVICE_REMOVED.exception("this device was removed from the backup account; register "
                    + "it again with coffer-agent register");
        }
        Optional<BackupAccount> account = accounts.find(row.customerId(), row.userId())
                .filter(a -> a.id() == row.accountId());
        if (account.isEmpty()) {
            throw AgentProblem.ACCOUNT_SUSPENDED.exception("the backup account of this device was removed");
        }
        devices.checkActive(account.get());
        return new DevicePrincipal(row.id(), row.accountId(), row.customerId(), row.userId(), account.get().login(),
                DeviceType.valueOf(row.type()), row.name(), row.schedule());
    }
}
