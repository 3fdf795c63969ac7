package dev.coffer.server.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.support.ServerTest;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.identity.PanelAdmins;
import dev.coffer.server.system.ValidationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CustomerServiceTest extends ServerTest {

    @Autowired
    CustomerService customers;
    @Autowired
    CustomerUserService users;
    @Autowired
    PanelAdmins admins;
    @Autowired
    JdbcClient jdbc;

    @Test
    void createsCustomerWithFirstAdminAndGeneratedPassword() {
        String login = unique("admin");
        CreatedCustomer created = customers.create("Acme Hosting", login, "ops@acme.example", Optional.empty(),
                Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(500)));

        assertThat(created.customer().name()).isEqualTo("Acme Hosting");
        assertThat(created.customer().enabled()).isTrue();
        assertThat(created.customer().quotas().storageGb()).isEqualTo(Limit.of(500));
        assertThat(created.generatedAdminPassword()).isPresent();
        var admin = admins.loadUserByUsername(login.toUpperCase());
        assertThat(admin.customerId()).contains(created.customer().id());
        assertThat(admin.getPassword()).startsWith("$argon2id$").doesNotContain(created.generatedAdminPassword().get());
    }

    @Test
    void refusesBadInputNamingEachFieldAndSavesNothing() {
        long before = count();
        String taken = unique("taken");
        customers.create("First", taken, "a@b.example", Optional.empty(), Quotas.unlimited());

        assertThatThrownBy(() -> customers.create(" ", taken.toUpperCase(), "not-an-email", Optional.of("weak"),
                Quotas.unlimited().with(QuotaItem.devices(DeviceType.SERVER), Limit.of(-1))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field)
                        .contains("name", "adminLogin", "adminEmail", "adminPassword", "quotas.servers.devices"));
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void staleVersionIsAConflictAndChangesNothing() {
        Customer c = customers.create("Versioned", unique("v"), "v@v.example", Optional.empty(), Quotas.unlimited())
                .customer();
        Customer updated = customers.update(c.id(), "Renamed", Quotas.unlimited(), c.version());
        assertThat(updated.version()).isGreaterThan(c.version());

        assertThatThrownBy(() -> customers.update(c.id(), "Lost update", Quotas.unlimited(), c.version()))
                .isInstanceOf(ConflictException.class);
        assertThat(customers.get(c.id()).name()).isEqualTo("Renamed");
    }

    @Test
    void usersBelongToTheirCustomerOnly() {
        long a = customers.create("A", unique("a"), "a@a.example", Optional.empty(), Quotas.unlimited()).customer().id();
        long b = customers.create("B", unique("b"), "b@b.example", Optional.empty(), Quotas.unlimited()).customer().id();
        CustomerUser alice = users.create(a, "Alice", "alice@a.example");

        assertThat(users.list(a)).extracting(CustomerUser::name).containsExactly("Alice");
        assertThat(users.list(b)).isEmpty();
        assertThatThrownBy(() -> users.get(b, alice.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.update(b, alice.id(), "Mallory", "m@b.example")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.delete(b, alice.id())).isInstanceOf(NotFoundException.class);
        assertThat(users.get(a, alice.id()).name()).isEqualTo("Alice");
    }

    @Test
    void disabledCustomersAdminsCannotLogIn() {
        String login = unique("dis");
        long id = customers.create("Gone", login, "g@g.example", Optional.empty(), Quotas.unlimited()).customer().id();
        assertThat(admins.loadUserByUsername(login).isEnabled()).isTrue();
        customers.setEnabled(id, false);
        assertThat(admins.loadUserByUsername(login).isEnabled()).isFalse();
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
    }
}
