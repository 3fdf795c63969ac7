package dev.coffer.server.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.coffer.engine.forget.ForgetResult;
import dev.coffer.engine.forget.Forgetter;
import dev.coffer.engine.progress.Progress;
import dev.coffer.engine.prune.PruneOptions;
import dev.coffer.engine.prune.Pruner;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.retention.RetentionOutcome.Status;
import dev.coffer.server.storage.AccountStores;
import dev.coffer.server.storage.RepositoryKeys;
import dev.coffer.server.system.Sql;
import dev.coffer.server.usage.UsageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies each account's retention policy on the server, every {@code coffer.retention.interval} (default 1 h,
 * first after {@code coffer.retention.initial-delay}, default 15 min): opens the account's repository with its
 * managed key, forgets the snapshots the policy lets go (by the time the server received each snapshot, never the
 * time its device claims) and prunes the data only they used. Every object it deletes or writes goes through the
 * usage ledger, so the account's usage equals its store's bytes afterwards.
 *
 * <p>A running backup (a marker in {@code locks/} that the server first saw less than a day ago) makes the job skip
 * the account this round; prune would not damage it either (see {@code Pruner}), and ages index files by when the
 * server received them, so a device with a false clock neither exposes its in-flight packs nor keeps its data forever. Server instances sharing one database never work on one account at once: the job
 * holds the account's {@code retention_run} row locked ({@code FOR UPDATE SKIP LOCKED}) while it runs, and another
 * instance skips the account. A crashed instance's lock goes with its connection.
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcClient jdbc;
    private final RetentionPolicies policies;
    private final BackupAccountService accounts;
    private final AccountStores stores;
    private final RepositoryKeys keys;
    private final UsageLedger ledger;
    private final Clock clock;
    private final TransactionTemplate newTransaction;

    public RetentionJob(JdbcClient jdbc, RetentionPolicies policies, BackupAccountService accounts,
                        AccountStores stores, RepositoryKeys keys, UsageLedger ledger, Clock clock,
                        PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.accounts = accounts;
        this.stores = stores;
        this.keys = keys;
        this.ledger = ledger;
        this.clock = clock;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Scheduled(fixedDelayString = "${coffer.retention.interval:1h}",
            initialDelayString = "${coffer.retention.initial-delay:15m}")
    void scheduled() {
        runAll();
    }

    /** One round over every account with a repository; returns what it did on each. */
    public List<RetentionOutcome> runAll() {
        List<RetentionOutcome> outcomes = new ArrayList<>();
        for (long accountId : keys.accountsWithRepository()) {
            try {
                outcomes.add(run(accountId));
            } catch (RuntimeException e) {
                log.warn("Retention of backup account {} failed: {}", accountId, e.toString());
                outcomes.add(new RetentionOutcome(accountId, Status.FAILED, 0, 0, "failed: " + e.getMessage()));
            }
        }
        return outcomes;
    }

    /** Applies the account's policy now, unless a backup of it runs or another instance is at it. */
    public RetentionOutcome run(long accountId) {
        Optional<BackupAccount> account = accounts.findById(accountId);
        Optional<String> secret = keys.secret(accountId);
        if (account.isEmpty() || secret.isEmpty()) {
            return new RetentionOutcome(accountId, Status.NO_REPOSITORY, 0, 0, "no repository");
        }
        ensureRunRow(accountId);
        return newTransaction.execute(s -> {
            Optional<String> previous = jdbc.sql("SELECT COALESCE(message, '') FROM retention_run WHERE account_id = ? "
                    + "FOR UPDATE SKIP LOCKED").param(accountId).query(String.class).optional();
            if (previous.isEmpty()) {
                log.info("Retention of backup account {}: another server instance is applying it; skipped", accountId);
                return new RetentionOutcome(accountId, Status.BUSY, 0, 0, "another server instance is applying it");
            }
            RetentionOutcome outcome = apply(account.get(), secret.get(), !previous.get().isEmpty());
            if (outcome.status() != Status.BACKUP_RUNNING) {
                jdbc.sql("UPDATE retention_run SET last_run_at = ?, snapshots_removed = ?, bytes_freed = ?, message = ? "
                                + "WHERE account_id = ?")
                        .params(Sql.timestamp(clock.instant()), outcome.snapshotsRemoved(), outcome.bytesFreed(),
                                outcome.status() == Status.APPLIED ? null : shorten(outcome.message()), accountId).update();
            }
            return outcome;
        });
    }

    private RetentionOutcome apply(BackupAccount account, String secret, boolean lastRunFailed) {
        long id = account.id();
        RetentionSettings settings = policies.get(id).settings();
        long before = ledger.usage(id).storageBytes();
        int removed = 0;
        try (Repository repo = Repository.open(new LedgeredStore(stores.store(id), ledger, id, account.customerId()),
                secret.toCharArray())) {
            Instant now = clock.instant();
            if (backupRunning(id, now)) {
                log.info("Retention of backup account {}: a backup is running; skipped this round", id);
                return new RetentionOutcome(id, Status.BACKUP_RUNNING, 0, 0, "a backup is running");
            }
            Map<String, Instant> received = ledger.receivedAt(id, RepositoryLayout.SNAPSHOTS);
            // a snapshot the ledger does not know yet (reconciliation adds it) counts as received now: kept
            ForgetResult forgotten = Forgetter.forget(repo, settings.toPolicy(), false, clock.getZone(),
                    snap -> received.getOrDefault(RepositoryLayout.snapshotObject(snap.id()), now));
            removed = forgotten.removed().size();
            if (removed > 0 || lastRunFailed) {
                // index files aged by when the server received them, like the snapshots
                Map<String, Instant> indexed = ledger.receivedAt(id, RepositoryLayout.INDEX);
                new Pruner(repo, Progress.NONE, clock, name -> Optional.of(indexed.getOrDefault(name, now)))
                        .prune(PruneOptions.defaults());
            }
        } catch (RuntimeException e) {
            log.warn("Retention of backup account {} failed (the next round prunes again): {}", id, e.toString());
            return new RetentionOutcome(id, Status.FAILED, removed, before - ledger.usage(id).storageBytes(),
                    "failed: " + e.getMessage());
        }
        long freed = before - ledger.usage(id).storageBytes();
        if (removed > 0) {
            log.info("Retention of backup account {}: {} snapshots removed, {} bytes freed", id, removed, freed);
        }
        return new RetentionOutcome(id, Status.APPLIED, removed, freed, null);
    }

    /**
     * Whether a backup of the account runs: a marker in {@code locks/} that the job first saw less than
     * {@link Repository#MARKER_EXPIRY} ago by the server's clock (the start time inside is the device's claim).
     * Called with the account's run row locked, so no other instance updates its markers meanwhile.
     */
    private boolean backupRunning(long accountId, Instant now) {
        Set<String> present = stores.store(accountId).list(RepositoryLayout.LOCKS).stream().map(StoreEntry::name)
                .collect(Collectors.toSet());
        Map<String, Instant> seen = new HashMap<>();
        jdbc.sql("SELECT name, first_seen_at FROM retention_marker WHERE account_id = ?").param(accountId)
                .query((rs, n) -> seen.put(rs.getString(1), Sql.instant(rs, "first_seen_at"))).list();
        for (String gone : seen.keySet()) {
            if (!present.contains(gone)) {
                jdbc.sql("DELETE FROM retention_marker WHERE account_id = ? AND name = ?").params(accountId, gone)
                        .update();
            }
        }
        boolean running = false;
        for (String name : present) {
            Instant first = seen.get(name);
            if (first == null) {
                jdbc.sql("INSERT INTO retention_marker (account_id, name, first_seen_at) VALUES (?, ?, ?)")
                        .params(accountId, name, Sql.timestamp(now)).update();
                first = now;
            }
            running |= first.isAfter(now.minus(Repository.MARKER_EXPIRY));
        }
        return running;
    }

    private static String shorten(String message) {
        String m = String.valueOf(message);
        return m.length() <= 500 ? m : m.substring(0, 499) + "\u2026";
    }

    private void ensureRunRow(long accountId) {
        try {
            newTransaction.executeWithoutResult(s -> jdbc.sql("INSERT INTO retention_run (account_id, "
                            + "snapshots_removed, bytes_freed) SELECT ?, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM "
                            + "retention_run WHERE account_id = ?)").params(accountId, accountId).update());
        } catch (DuplicateKeyException e) {
            // made by another instance at the same moment
        }
    }
}
