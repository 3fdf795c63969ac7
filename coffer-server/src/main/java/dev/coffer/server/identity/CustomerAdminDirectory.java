package dev.coffer.server.identity;

import dev.coffer.server.system.ValidationException;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.Inputs;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.coffer.server.identity.PasswordPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's admins, for the provider: list them, add another, give one a new generated password (returned once,
 * stored only as its Argon2id hash) and disable or enable one. Every method touches only admins of
 * {@code customerId}; another customer's admin is not found. At least one admin of a customer stays enabled, so a
 * customer is never locked out by accident (disabling the customer is the way to lock all of them out).
 */
@Service
public class CustomerAdminDirectory {

    private static final String SELECT = "SELECT id, customer_id, login, email, disabled, created_at FROM panel_user "
            + "WHERE role = 'CUSTOMER_ADMIN' AND customer_id = ? ";

    private final JdbcClient jdbc;
    private final PanelAdmins admins;
    private final PasswordEncoder encoder;

    public CustomerAdminDirectory(JdbcClient jdbc, PanelAdmins admins, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.admins = admins;
        this.encoder = encoder;
    }

    @Transactional(readOnly = true)
    public List<CustomerAdmin> list(long customerId) {
        return jdbc.sql(SELECT + "ORDER BY login_key").param(customerId).query((rs, n) -> admin(rs)).list();
    }

    /**
     * Adds an admin with a generated password, returned once. Problems name {@code login} and {@code email}.
     */
    @Transactional
    public String add(long customerId, String login, String email) {
        List<FieldProblem> problems = new ArrayList<>();
        Inputs.login("login", login, problems);
        Inputs.email("email", email, problems);
        if (problems.isEmpty() && admins.loginTaken(login)) {
            problems.add(new FieldProblem("login", "is already taken"));
        }
        ValidationException.throwIfAny(problems);
        String password = PasswordPolicy.generate();
        admins.create(PanelRole.CUSTOMER_ADMIN, Optional.of(customerId), login, email.strip(), password, "login");
        return password;
    }

    /** Gives the admin a new generated password, returned once; the old one stops working at once. */
    @Transactional
    public String resetPassword(long customerId, long adminId) {
        CustomerAdmin admin = get(customerId, adminId);
        String password = PasswordPolicy.generate();
        jdbc.sql("UPDATE panel_user SET password_hash = ? WHERE id = ?").params(encoder.encode(password), admin.id())
                .update();
        return password;
    }

    /**
     * Disables or enables one admin: a disabled admin cannot log in (form, Basic or its API tokens).
     *
     * @throws ConflictException when it is the customer's last enabled admin
     */
    @Transactional
    public CustomerAdmin setDisabled(long customerId, long adminId, boolean disabled) {
        CustomerAdmin admin = get(customerId, adminId);
        if (disabled && !admin.disabled()) {
            // lock the customer's admin rows so that two requests cannot disable the last two at once
            long enabled = jdbc.sql("SELECT id FROM panel_user WHERE role = 'CUSTOMER_ADMIN' AND customer_id = ? "
                    + "AND disabled = FALSE FOR UPDATE").param(customerId).query(Long.class).list().size();
            if (enabled <= 1) {
                throw new ConflictException(admin.login() + " is the customer's only enabled admin; add or enable "
                        + "another admin first, or disable the whole customer");
            }
        }
        jdbc.sql("UPDATE panel_user SET disabled = ? WHERE id = ?").params(disabled, admin.id()).update();
        return get(customerId, adminId);
    }

    private CustomerAdmin get(long customerId, long adminId) {
        return jdbc.sql(SELECT + "AND id = ?").params(customerId, adminId).query((rs, n) -> admin(rs)).optional()
                .orElseThrow(() -> new NotFoundException("admin " + adminId + " not found"));
    }

    private static CustomerAdmin admin(ResultSet rs) throws SQLException {
        return new CustomerAdmin(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("login"),
                rs.getString("email"), rs.getBoolean("disabled"), Sql.instant(rs, "created_at"));
    }
}
