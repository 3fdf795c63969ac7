package dev.coffer.server.identity;

import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.NotFoundException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import dev.coffer.server.customer.CreatedCustomer;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.support.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A customer's admins as the provider manages them, never another customer's. */
class CustomerAdminDirectoryTest extends ServerTest {

    @Autowired
    CustomerAdminDirectory directory;
    @Autowired
    CustomerService customers;
    @Autowired
    PanelAdmins admins;
    @Autowired
    PasswordEncoder encoder;

    @Test
    void anotherCustomersAdminIsNotFoundAndNothingChanges() {
        CreatedCustomer a = customer();
        CreatedCustomer b = customer();
        String second = unique("second");
        directory.add(a.customer().id(), second, second + "@example.com");
        long bAdmin = b.adminId();
        assertThatThrownBy(() -> directory.resetPassword(a.customer().id(), bAdmin))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> directory.setDisabled(a.customer().id(), bAdmin, true))
                .isInstanceOf(NotFoundException.class);
        assertThat(directory.list(b.customer().id())).singleElement()
                .satisfies(admin -> assertThat(admin.disabled()).isFalse());
        assertThat(directory.list(a.customer().id())).hasSize(2);
    }

    @Test
    void aResetPasswordIsStoredAsAHashAndADisabledAdminLoadsAsDisabled() {
        CreatedCustomer c = customer();
        String password = directory.resetPassword(c.customer().id(), c.adminId());
        PanelPrincipal p = admins.findById(c.adminId()).orElseThrow();
        assertThat(p.getPassword()).isNotEqualTo(password);
        assertThat(encoder.matches(password, p.getPassword())).isTrue();
        assertThatThrownBy(() -> directory.setDisabled(c.customer().id(), c.adminId(), true))
                .isInstanceOf(ConflictException.class);   // the only admin
        String other = unique("other");
        directory.add(c.customer().id(), other, other + "@example.com");
        directory.setDisabled(c.customer().id(), c.adminId(), true);
        assertThat(admins.findById(c.adminId()).orElseThrow().isEnabled()).isFalse();
        directory.setDisabled(c.customer().id(), c.adminId(), false);
        assertThat(admins.findById(c.adminId()).orElseThrow().isEnabled()).isTrue();
    }

    private CreatedCustomer customer() {
        String login = unique("adm");
        return customers.create(unique("Customer"), login, login + "@example.com", Optional.empty(), Quotas.unlimited());
    }
}
