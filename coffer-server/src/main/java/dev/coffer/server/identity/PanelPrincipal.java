package dev.coffer.server.identity;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in panel admin; {@link #customerId()} is empty for provider admins. Controllers obtain it with
 * {@code @AuthenticationPrincipal PanelPrincipal p}. The authority is {@code ROLE_} + {@link PanelRole#name()}.
 */
public final class PanelPrincipal implements UserDetails, CredentialsContainer {

    private final long id;
    private final String login;
    private final PanelRole role;
    private final Long customerId;
    private final boolean enabled;
    private final String credentialStamp;
    private String passwordHash;

    public PanelPrincipal(long id, String login, PanelRole role, Optional<Long> customerId, boolean enabled,
                          String passwordHash) {
        this.id = id;
        this.login = Objects.requireNonNull(login);
        this.role = Objects.requireNonNull(role);
        this.customerId = customerId.orElse(null);
        this.enabled = enabled;
        this.passwordHash = passwordHash;
        this.credentialStamp = CredentialStamp.of(passwordHash);
        if ((role == PanelRole.CUSTOMER_ADMIN) != customerId.isPresent()) {
            throw new IllegalArgumentException("a customer admin, and only a customer admin, belongs to a customer");
        }
    }

    public long id() {
        return id;
    }

    public String login() {
        return login;
    }

    public PanelRole role() {
        return role;
    }

    public Optional<Long> customerId() {
        return Optional.ofNullable(customerId);
    }

    /** The {@link CredentialStamp} of the password this principal was loaded with; kept after its erasure. */
    public String credentialStamp() {
        return credentialStamp;
    }

    public boolean isProviderAdmin() {
        return role == PanelRole.PROVIDER_ADMIN;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return login;
    }

    /** False when the admin's customer is disabled: such admins cannot log in. */
    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    // Sessions compare principals (e.g. for concurrent-session control): identity is the admin's id.
    @Override
    public boolean equals(Object o) {
        return o instanceof PanelPrincipal other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "PanelPrincipal[" + login + ", " + role + (customerId == null ? "" : ", customer " + customerId) + "]";
    }
}
