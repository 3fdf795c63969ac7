package dev.coffer.server.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.coffer.engine.chunk.ChunkerParams;
import dev.coffer.engine.crypto.KdfParams;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryExistsException;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.store.Store;
import dev.coffer.server.system.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The managed key of each account's repository. The repository secret is 32 random bytes; the repository's one key
 * file is sealed with its {@linkplain #passphrase text form} as passphrase. The server keeps the secret only
 * AES-256-GCM-wrapped by its key-encryption key ({@code coffer.key-encryption-key}, base64 of 32 bytes, or the file
 * {@code ${coffer.home}/key-encryption.key} generated once): without that key the stored secrets are useless, so
 * the provider must back the key up.
 */
@Service
public class RepositoryKeys {

    private static final Logger log = LoggerFactory.getLogger(RepositoryKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    /**
     * The secret has 256 random bits, so stretching it adds nothing but start-up time to every agent command: n = 2^10
     * cost an agent 0.15 s on each command (scrypt runs interpreted that early), n = 16 well under 1 ms. Repositories
     * made before keep the cost their key file names.
     */
    static final KdfParams MANAGED_KDF = new KdfParams(1 << 4, 8, 1);

    private final JdbcClient jdbc;
    private final AccountStores stores;
    private final Clock clock;
    private final SecretKeySpec kek;
    private final TransactionTemplate newTransaction;

    public RepositoryKeys(JdbcClient jdbc, AccountStores stores, Clock clock, PlatformTransactionManager transactions,
                          @Value("${coffer.key-encryption-key:}") String configuredKek,
                          @Value("${coffer.home}") String home) {
        this.jdbc = jdbc;
        this.stores = stores;
        this.clock = clock;
        this.kek = new SecretKeySpec(ServerSecrets.load("coffer.key-encryption-key", configuredKek,
                Path.of(home, "key-encryption.key")), "AES");
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Makes sure the account has a secret and an engine repository in its store created with it; true when this call
     * created the repository. Idempotent and safe under concurrency: concurrent first registrations create one
     * repository (they serialize on the key's row).
     */
    public boolean ensureRepository(long accountId) {
        Boolean initialized = jdbc.sql("SELECT initialized FROM repository_key WHERE account_id = ?").param(accountId)
                .query(Boolean.class).optional().orElse(null);
        if (Boolean.TRUE.equals(initialized)) {
            return false;
        }
        if (initialized == null) {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            try {
                newTransaction.executeWithoutResult(s -> jdbc.sql("INSERT INTO repository_key (account_id, "
                                + "wrapped_secret, initialized, created_at) VALUES (?, ?, FALSE, ?)")
                        .params(accountId, wrap(accountId, secret), Sql.timestamp(clock.instant())).update());
            } catch (DuplicateKeyException e) {
                // a concurrent registration made it first; use that one
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        return Boolean.TRUE.equals(newTransaction.execute(s -> {
            String wrapped = jdbc.sql("SELECT wrapped_secret FROM repository_key WHERE account_id = ? AND "
                    + "initialized = FALSE FOR UPDATE").param(accountId).query(String.class).optional().orElse(null);
            if (wrapped == null) {
                return false;
            }
            char[] passphrase = passphrase(unwrap(accountId, wrapped)).toCharArray();
            Store store = stores.store(accountId);
            try (Repository ignored = Repository.init(store, passphrase, options())) {
                log.info("Created the repository of backup account {} at {}", accountId, stores.describe(accountId));
            } catch (RepositoryExistsException e) {
                // an init that stored its objects but not this row: the repository is there with this secret
                Repository.open(store, passphrase).close();
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            jdbc.sql("UPDATE repository_key SET initialized = TRUE WHERE account_id = ?").param(accountId).update();
            return true;
        }));
    }

    /** The account's repository secret in text form (the passphrase), once its repository exists. */
    public Optional<String> secret(long accountId) {
        return jdbc.sql("SELECT wrapped_secret FROM repository_key WHERE account_id = ? AND initialized = TRUE")
                .param(accountId).query(String.class).optional()
                .map(w -> passphrase(unwrap(accountId, w)));
    }

    /** The ids of the accounts whose repository exists, in ascending order (for the server's own jobs). */
    public List<Long> accountsWithRepository() {
        return jdbc.sql("SELECT account_id FROM repository_key WHERE initialized = TRUE ORDER BY account_id")
                .query(Long.class).list();
    }

    /** The text form of a secret: base64url without padding, which is also the repository's passphrase. */
    static String passphrase(byte[] secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static RepositoryOptions options() {
        RepositoryOptions d = RepositoryOptions.defaults();
        return new RepositoryOptions(ChunkerParams.DEFAULT, d.packSize(), d.compressionLevel(), MANAGED_KDF);
    }

    private String wrap(long accountId, byte[] secret) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(accountId));
            byte[] sealed = c.doFinal(secret);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap the repository secret of account " + accountId, e);
        }
    }

    private byte[] unwrap(long accountId, String wrapped) {
        byte[] all = Base64.getDecoder().decode(wrapped);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, all, 0, NONCE));
            c.updateAAD(aad(accountId));
            return c.doFinal(all, NONCE, all.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the repository secret of account " + accountId + " does not unwrap with "
                    + "this server's key-encryption key (coffer.key-encryption-key or key-encryption.key changed?)", e);
        }
    }

    private static byte[] aad(long accountId) {
        return ("coffer-repository-secret:" + accountId).getBytes(StandardCharsets.US_ASCII);
    }
}
