package dev.coffer.server.agentapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.device.AgentProblem;
import dev.coffer.server.device.AgentProblemException;
import dev.coffer.server.device.DevicePrincipal;
import dev.coffer.server.device.DeviceRuns;
import dev.coffer.server.notification.Notifications;
import dev.coffer.server.notification.QuotaRefused;
import dev.coffer.server.storage.AccountStores;
import dev.coffer.server.usage.QuotaExceededException;
import dev.coffer.server.usage.Reservation;
import dev.coffer.server.usage.UsageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Stores a device's upload in its account's store: quota first (the declared size is reserved before a byte is
 * read), then the body streamed into a pending object while it is hashed and counted, then the hash checked against
 * the name, then the object committed and recorded in the ledger. A refused or failed upload stores and counts
 * nothing (its reservation is released). Never holds a whole object in memory (locks aside, at most 256 KiB).
 */
@Service
class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);

    static final int MAX_LOCK = 64 * 1024;
    /** Locks count against no quota, so their number is bounded instead. */
    static final int MAX_LOCKS = 100;
    private static final int BUFFER = 256 * 1024;

    /** What became of an upload. */
    enum Outcome {
        /** stored now (201) */
        CREATED,
        /** the same bytes were already there (200) */
        ALREADY_STORED
    }

    private final AccountStores stores;
    private final UsageLedger ledger;
    private final BackupAccountService accounts;
    private final DeviceRuns runs;
    private final Notifications notifications;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final long maxObject;

    Uploads(AccountStores stores, UsageLedger ledger, BackupAccountService accounts, DeviceRuns runs,
            Notifications notifications, PlatformTransactionManager transactions, Clock clock,
            @Value("${coffer.agent.max-object-size:1GB}") DataSize maxObject) {
        this.runs = runs;
        this.notifications = notifications;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.stores = stores;
        this.ledger = ledger;
        this.accounts = accounts;
        this.maxObject = maxObject.toBytes();
    }

    Outcome put(DevicePrincipal device, ObjectName name, long contentLength, InputStream body) {
        if (name.kind() == ObjectName.Kind.CONFIG || name.kind() == ObjectName.Kind.KEY) {
            throw AgentProblem.APPEND_ONLY.exception(name.name() + " is written by the server only; devices may add "
                    + "data, index, snapshot and lock objects");
        }
        if (contentLength < 0) {
            throw AgentProblem.LENGTH_REQUIRED.exception("an upload must declare its size in Content-Length");
        }
        long max = name.kind() == ObjectName.Kind.LOCK ? MAX_LOCK : maxObject;
        if (contentLength > max) {
            throw validation("Content-Length", "must be at most " + max + " bytes for " + name.name());
        }
        Store store = stores.store(device.accountId());
        if (name.kind() == ObjectName.Kind.LOCK) {
            List<StoreEntry> locks = store.list("locks/");
            if (locks.size() >= MAX_LOCKS && locks.stream().noneMatch(e -> e.name().equals(name.name()))) {
                throw validation("name", "cannot be stored: the repository already holds " + MAX_LOCKS
                        + " lock objects; delete stale ones first");
            }
            store.put(name.name(), readSmall(body, contentLength));
            return Outcome.CREATED;
        }
        if (ledger.contains(device.accountId(), name.name())) {
            // Content-addressed: the same name with the right hash is the same bytes. Nothing is stored or counted.
            try {
                verify(name, contentLength, body, null);
            } catch (AgentProblemException e) {
                if (e.problem() != AgentProblem.HASH_MISMATCH) {
                    throw e;
                }
                throw new AgentProblemException(AgentProblem.APPEND_ONLY, 409, name.name() + " exists with other "
                        + "content; stored objects are never overwritten", Map.of());
            }
            return Outcome.ALREADY_STORED;
        }
        BackupAccount account = accounts.find(device.customerId(), device.userId())
                .orElseThrow(() -> AgentProblem.ACCOUNT_SUSPENDED.exception("the backup account was removed"));
        Reservation reservation;
        try {
            reservation = ledger.reserve(device.accountId(), device.customerId(), device.type(), account.quotas(), contentLength,
                    name.kind() != ObjectName.Kind.DATA);
        } catch (QuotaExceededException e) {
            refused(device, e);
            throw new AgentProblemException(AgentProblem.QUOTA_EXCEEDED, 507, e.getMessage(), Map.of(
                    "limit", e.limit(), "limitBytes", e.limitBytes(), "usedBytes", e.usedBytes()));
        }
        boolean committed = false;
        try (PendingObject pending = store.create()) {
            verify(name, contentLength, body, pending);
            pending.commit(name.name());
            committed = true;
            return ledger.commit(reservation, name.name(), contentLength) ? Outcome.CREATED : Outcome.ALREADY_STORED;
        } finally {
            if (!committed) {
                ledger.release(reservation);
            }
        }
    }

    /**
     * A hard quota stopped the device's backup: marks its running backup as stopped by a quota and publishes the
     * "stopped" alert (once per account and limit until usage drops below the warning threshold: the notification
     * side's latch), in one transaction that changes nothing else. A failure here is logged, not answered: the
     * device must still get its 507.
     */
    private void refused(DevicePrincipal device, QuotaExceededException e) {
        try {
            transaction.executeWithoutResult(s -> {
                runs.quotaStopped(device);
                notifications.publish(new QuotaRefused(device.accountId(), device.name(), e.item(), e.getMessage(),
                        clock.instant()));
            });
        } catch (RuntimeException failed) {
            log.warn("The quota refusal of an upload by device {} of backup account {} was not recorded: {}",
                    device.deviceId(), device.accountId(), failed.toString());
        }
    }

    /** Reads exactly {@code length} bytes (into {@code pending} when given) and checks them against the name. */
    private static void verify(ObjectName name, long length, InputStream body, PendingObject pending) {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[(int) Math.min(BUFFER, length + 1)];
        long total = 0;
        try {
            int n;
            // a full buffer at a time: Tomcat hands a body over in pieces of its socket buffer, and written to the
            // file piece by piece they cost a system call each and partial pages
            while ((n = body.readNBytes(buffer, 0, buffer.length)) > 0) {
                total += n;
                if (total > length) {
                    throw validation("body", "is longer than its Content-Length of " + length + " bytes");
                }
                sha256.update(buffer, 0, n);
                if (pending != null) {
                    pending.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw validation("body", "ended after " + total + " of its Content-Length of " + length + " bytes");
        }
        if (total != length) {
            throw validation("body", "ended after " + total + " of its Content-Length of " + length + " bytes");
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(name.expectedHash())) {
            throw AgentProblem.HASH_MISMATCH.exception("the content's SHA-256 is " + actual + ", not the "
                    + name.expectedHash() + " of its name " + name.name() + "; nothing was stored");
        }
    }

    private static byte[] readSmall(InputStream body, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = body.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > length) {
                    throw validation("body", "is longer than its Content-Length of " + length + " bytes");
                }
            }
        } catch (IOException e) {
            throw validation("body", "ended after " + out.size() + " of its Content-Length of " + length + " bytes");
        }
        if (out.size() != length) {
            throw validation("body", "ended after " + out.size() + " of its Content-Length of " + length + " bytes");
        }
        return out.toByteArray();
    }

    static AgentProblemException validation(String field, String message) {
        return new AgentProblemException(AgentProblem.VALIDATION, 400, field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
