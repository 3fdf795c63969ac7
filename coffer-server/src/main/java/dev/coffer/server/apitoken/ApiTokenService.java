package dev.coffer.server.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.Inputs;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.identity.PanelAdmins;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens of panel admins. A token acts as its admin (same role and customer). Only the SHA-256 of the secret
 * is stored: a 256-bit random secret needs no slow hash, and lookup by hash stays one indexed query. Each admin
 * sees and revokes only their own tokens.
 */
@Service
public class ApiTokenService {

    /** Every secret starts with this, so that scanners and people recognise a leaked Coffer token. */
    public static final String SECRET_PREFIX = "coffer_";
    private static final int PREFIX_SHOWN = SECRET_PREFIX.length() + 6;
    private static final int MAX_NAME = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PanelAdmins admins;
    private final Clock clock;

    public ApiTokenService(JdbcClient jdbc, PanelAdmins admins, Clock clock) {
        this.jdbc = jdbc;
        this.admins = admins;
        this.clock = clock;
    }

    /** Creates a token for {@code owner}; problems name the field {@code name}. */
    @Transactional
    public CreatedApiToken create(PanelPrincipal owner, String name) {
        List<FieldProblem> problems = new ArrayList<>();
        Inputs.text("name", name, MAX_NAME, problems);
        ValidationException.throwIfAny(problems);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_token (panel_user_id, name, prefix, token_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(owner.id(), name.strip(), secret.substring(0, PREFIX_SHOWN), sha256(secret),
                        Sql.timestamp(clock.instant()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        ApiToken token = list(owner).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
        return new CreatedApiToken(token, secret);
    }

    /** The owner's tokens, newest first. */
    @Transactional(readOnly = true)
    public List<ApiToken> list(PanelPrincipal owner) {
        return jdbc.sql("SELECT id, name, prefix, created_at, last_used_at FROM api_token WHERE panel_user_id = ? "
                        + "ORDER BY created_at DESC, id DESC")
                .param(owner.id()).query((rs, n) -> token(rs)).list();
    }

    /** Revokes one of the owner's tokens; another admin's token is not found. */
    @Transactional
    public void revoke(PanelPrincipal owner, long tokenId) {
        int n = jdbc.sql("DELETE FROM api_token WHERE id = ? AND panel_user_id = ?").params(tokenId, owner.id())
                .update();
        if (n == 0) {
            throw new NotFoundException("API token " + tokenId + " not found");
        }
    }

    /**
     * The admin a presented secret belongs to (also when that admin is disabled: the caller refuses those), and
     * notes the use. Empty for an unknown or revoked secret.
     */
    @Transactional
    public Optional<PanelPrincipal> authenticate(String secret) {
        if (!secret.startsWith(SECRET_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        Optional<Long> owner = jdbc.sql("SELECT panel_user_id FROM api_token WHERE token_hash = ?").param(hash)
                .query(Long.class).optional();
        owner.ifPresent(o -> jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE token_hash = ?")
                .params(Sql.timestamp(clock.instant()), hash).update());
        return owner.flatMap(admins::findById);
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        Instant lastUsed = Sql.instant(rs, "last_used_at");
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("prefix"),
                Sql.instant(rs, "created_at"), lastUsed);
    }
}
