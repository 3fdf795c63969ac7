package dev.coffer.server.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import java.sql.Types;

import dev.coffer.server.system.ValidationException;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.Inputs;
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

    private static final String SELECT = "SELECT p.id, p.login, p.role, p.customer_id, p.password_hash, p.disabled "
            + "FROM panel_user p ";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final CustomerStatus customers;

    public PanelAdmins(JdbcClient jdbc, PasswordEncoder encoder, Clock clock, CustomerStatus customers) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.customers = customers;
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
                .query((rs, n) -> row(rs)).optional().map(this::principal)
                .orElseThrow(() -> new UsernameNotFoundException("no such panel login"));
    }

    /** The admin with this id as the security layer sees it (for API tokens), if it still exists. */
    public Optional<PanelPrincipal> findById(long id) {
        return jdbc.sql(SELECT + "WHERE p.id = ?").param(id).query((rs, n) -> row(rs)).optional().map(this::principal);
    }

    /** A panel admin's address, for notifications. */
    public record Contact(long id, String login, String email) {
    }

    /**
     * The admins with this role (customer admins: of {@code customerId}) that have an email address, by id.
     * Read-only.
     */
    public List<Contact> contacts(PanelRole role, Optional<Long> customerId) {
        String where = "WHERE role = :role AND email IS NOT NULL AND email <> ''"
                + (customerId.isPresent() ? " AND customer_id = :customer" : "");
        var q = jdbc.sql("SELECT id, login, email FROM panel_user " + where + " ORDER BY id").param("role", role.name());
        if (customerId.isPresent()) {
            q = q.param("customer", customerId.get());
        }
        return q.query((rs, n) -> new Contact(rs.getLong("id"), rs.getString("login"), rs.getString("email"))).list();
    }

    /** A panel_user row as read; the customer's status is asked after the result set is closed (see principal). */
    private record Row(long id, String login, PanelRole role, Optional<Long> customerId, boolean disabled,
                       String passwordHash) {
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long customer = rs.getLong("customer_id");
        Optional<Long> customerId = rs.wasNull() ? Optional.empty() : Optional.of(customer);
        return new Row(rs.getLong("id"), rs.getString("login"), PanelRole.valueOf(rs.getString("role")), customerId,
                rs.getBoolean("disabled"), rs.getString("password_hash"));
    }

    /**
     * Not inside the row mapper: asking the customer's status there would take a second pooled connection while the
     * first is held, and a burst of logins then holds every connection waiting for another (a pool deadlock).
     */
    private PanelPrincipal principal(Row r) {
        // A provider admin belongs to no customer and is always enabled.
        boolean enabled = !r.disabled() && r.customerId().map(customers::enabled).orElse(true);
        return new PanelPrincipal(r.id(), r.login(), r.role(), r.customerId(), enabled, r.passwordHash());
    }
}
