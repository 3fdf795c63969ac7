package dev.coffer.server.system;

import java.time.Clock;
import java.util.Optional;

import java.sql.Types;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Panel logins (provider and customer admins). A customer admin of a disabled customer, or one the provider
 * disabled, loads as not enabled, so Spring Security refuses the login. Callers validate logins and passwords before {@link #create}.
 */
@Service
public class PanelAdmins implements UserDetailsService {

    private static final String SELECT = "SELECT p.id, p.login, p.role, p.customer_id, p.password_hash, "
            + "(COALESCE(c.enabled, TRUE) AND NOT p.disabled) AS enabled "
            + "FROM panel_user p LEFT JOIN customer c ON c.id = p.customer_id ";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    public PanelAdmins(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    public boolean loginTaken(String login) {
        return jdbc.sql("SELECT COUNT(*) FROM panel_user WHERE login_key = ?")
                .param(Inputs.loginKey(login)).query(Long.class).single() > 0;
    }

    public boolean anyExist() {
        return jdbc.sql("SELECT COUNT(*) FROM panel_user").query(Long.class).single() > 0;
    }

    /**
     * Creates an admin with the Argon2id hash of {@code password}.
     *
     * @throws ValidationException on field {@code loginField} when the login is taken
     */
    @Transactional
    public long create(PanelRole role, Optional<Long> customerId, String login, String email, String password,
                       String loginField) {
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO panel_user (customer_id, login, login_key, email, password_hash, role, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(new SqlParameterValue(Types.BIGINT, customerId.orElse(null)), login.strip(), Inputs.loginKey(login), email,
                            encoder.encode(password), role.name(), Sql.timestamp(clock.instant()))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new ValidationException(loginField, "is already taken");
        }
        return keys.getKey().longValue();
    }

    @Override
    public PanelPrincipal loadUserByUsername(String login) {
        return jdbc.sql(SELECT + "WHERE p.login_key = ?").param(Inputs.loginKey(login))
                .query((rs, n) -> principal(rs)).optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such panel login"));
    }

    /** The admin with this id as the security layer sees it (for API tokens), if it still exists. */
    public Optional<PanelPrincipal> findById(long id) {
        return jdbc.sql(SELECT + "WHERE p.id = ?").param(id).query((rs, n) -> principal(rs)).optional();
    }

    private static PanelPrincipal principal(java.sql.ResultSet rs) throws java.sql.SQLException {
        long customer = rs.getLong("customer_id");
        Optional<Long> customerId = rs.wasNull() ? Optional.empty() : Optional.of(customer);
        return new PanelPrincipal(rs.getLong("id"), rs.getString("login"), PanelRole.valueOf(rs.getString("role")),
                customerId, rs.getBoolean("enabled"), rs.getString("password_hash"));
    }
}
