package dev.coffer.server.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.coffer.server.identity.PasswordPolicy;
import dev.coffer.server.quota.QuotaAllocations;
import dev.coffer.server.quota.QuotaColumns;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.QuotaRules;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.Inputs;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.identity.PanelAdmins;
import dev.coffer.server.identity.PanelRole;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.ValidationException;
import dev.coffer.server.usage.UsageLedger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers, for provider admins (create, list, edit, disable) and for a customer's own admins (read). Every method
 * runs in one transaction: a refused request changes nothing.
 */
@Service
public class CustomerService {

    private static final String SELECT = "SELECT id, name, enabled, created_at, version, " + QuotaColumns.names()
            + " FROM customer ";

    private final JdbcClient jdbc;
    private final PanelAdmins admins;
    private final QuotaAllocations allocations;
    private final Clock clock;
    private final UsageLedger ledger;
    private final CustomerDomains domains;
    private final ApplicationEventPublisher events;

    public CustomerService(JdbcClient jdbc, PanelAdmins admins, QuotaAllocations allocations, Clock clock,
                           UsageLedger ledger, CustomerDomains domains, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.domains = domains;
        this.admins = admins;
        this.allocations = allocations;
        this.clock = clock;
        this.ledger = ledger;
    }

    /** Creates a customer with the default domains; see {@link #create(String, String, String, Optional, Quotas, List)}. */
    @Transactional
    public CreatedCustomer create(String name, String adminLogin, String adminEmail, Optional<String> adminPassword,
                                  Quotas quotas) {
        return create(name, adminLogin, adminEmail, adminPassword, quotas, List.of());
    }

    /**
     * Creates a customer, its domains and its first customer admin. With no {@code domainNames} the customer gets
     * the domain of the admin's email, unless another customer holds it (then none: the provider adds them later).
     * Field names in problems: name, adminLogin, adminEmail, adminPassword, quotas.*, domains.
     */
    @Transactional
    public CreatedCustomer create(String name, String adminLogin, String adminEmail, Optional<String> adminPassword,
                                  Quotas quotas, List<String> domainNames) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> assigned = domains.check(Optional.empty(), domainNames, problems);
        Inputs.text("name", name, Inputs.MAX_NAME, problems);
        Inputs.login("adminLogin", adminLogin, problems);
        Inputs.email("adminEmail", adminEmail, problems);
        adminPassword.ifPresent(p -> PasswordPolicy.problems(p, adminLogin)
                .forEach(m -> problems.add(new FieldProblem("adminPassword", m))));
        problems.addAll(QuotaItem.problems(quotas));
        if (problems.stream().noneMatch(p -> p.field().equals("adminLogin")) && admins.loginTaken(adminLogin)) {
            problems.add(new FieldProblem("adminLogin", "is already taken"));
        }
        ValidationException.throwIfAny(problems);

        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customer (name, enabled, created_at, version, " + QuotaColumns.names() + ") "
                        + "VALUES (:name, TRUE, :created, 0, " + QuotaColumns.placeholders() + ")")
                .param("name", name.strip())
                .param("created", Sql.timestamp(clock.instant()))
                .params(QuotaColumns.params(quotas))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        if (domainNames.isEmpty()) {
            assigned = DomainNames.ofAddress(adminEmail)
                    .filter(d -> !domains.heldByAnother(Optional.empty(), d)).map(List::of).orElse(List.of());
        }
        domains.replace(id, assigned);
        Optional<String> generated = adminPassword.isPresent() ? Optional.empty()
                : Optional.of(PasswordPolicy.generate());
        long adminId = admins.create(PanelRole.CUSTOMER_ADMIN, Optional.of(id), adminLogin, adminEmail.strip(),
                adminPassword.orElseGet(generated::get), "adminLogin");
        return new CreatedCustomer(get(id), adminId, generated);
    }

    /**
     * Changes name and quotas. A limited quota may not be set below what the customer's backup accounts already
     * hold (problem on the quota's field).
     *
     * @throws ConflictException when {@code version} is not the current one
     */
    @Transactional
    public Customer update(long customerId, String name, Quotas quotas, long version) {
        return update(customerId, name, quotas, Optional.empty(), version);
    }

    /**
     * Changes name, quotas and, when {@code domainNames} is present, the customer's domains (replacing them all).
     * Removing a domain keeps the backup logins in it working; only new logins must be in a remaining one.
     *
     * @throws ConflictException when {@code version} is not the current one
     */
    @Transactional
    public Customer update(long customerId, String name, Quotas quotas, Optional<List<String>> domainNames,
                           long version) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<List<String>> assigned = domainNames.map(d -> domains.check(Optional.of(customerId), d, problems));
        Inputs.text("name", name, Inputs.MAX_NAME, problems);
        problems.addAll(QuotaItem.problems(quotas));
        ValidationException.throwIfAny(problems);
        Customer current = lock(customerId);
        if (current.version() != version) {
            throw new ConflictException("customer " + customerId + " was changed by someone else (version "
                    + current.version() + ", not " + version + "); reload and try again");
        }
        problems.addAll(QuotaRules.belowWhatIsAllocated(quotas,
                allocations.allocated(customerId, OptionalLong.empty())));
        ValidationException.throwIfAny(problems);
        jdbc.sql("UPDATE customer SET name = :name, version = version + 1, " + QuotaColumns.assignments()
                        + " WHERE id = :id")
                .param("name", name.strip())
                .param("id", customerId)
                .params(QuotaColumns.params(quotas))
                .update();
        assigned.ifPresent(d -> domains.replace(customerId, d));
        if (!current.quotas().equals(quotas)) {
            events.publishEvent(new CustomerQuotasChanged(customerId));
        }
        return get(customerId);
    }

    /** Enables or disables: a disabled customer's admins cannot log in and its backup accounts read as suspended. */
    @Transactional
    public Customer setEnabled(long customerId, boolean enabled) {
        int n = jdbc.sql("UPDATE customer SET enabled = ?, version = version + 1 WHERE id = ?")
                .params(enabled, customerId).update();
        if (n == 0) {
            throw notFound(customerId);
        }
        return get(customerId);
    }

    /** Every customer, by name (provider admins only). */
    @Transactional(readOnly = true)
    public List<Customer> list() {
        return jdbc.sql(SELECT + "ORDER BY LOWER(name), id").query((rs, n) -> customer(rs)).list();
    }

    /** The customer, or empty when there is none with this id (for callers that must not fail on it). */
    @Transactional(readOnly = true)
    public Optional<Customer> find(long customerId) {
        return jdbc.sql(SELECT + "WHERE id = ?").param(customerId).query((rs, n) -> customer(rs)).optional();
    }

    @Transactional(readOnly = true)
    public Customer get(long customerId) {
        return jdbc.sql(SELECT + "WHERE id = ?").param(customerId).query((rs, n) -> customer(rs)).optional()
                .orElseThrow(() -> notFound(customerId));
    }

    /** Usage of every customer, by name (provider admins only). */
    @Transactional(readOnly = true)
    public List<CustomerUsage> usage() {
        Map<Long, Long> used = ledger.storageBytesByCustomer();
        return list().stream().map(c -> usage(c, used.getOrDefault(c.id(), 0L))).toList();
    }

    /** Usage of one customer. */
    @Transactional(readOnly = true)
    public CustomerUsage usage(long customerId) {
        return usage(get(customerId), ledger.customerStorageBytes(customerId));
    }

    /** Reads the customer and locks its row until the transaction ends; quota allocations serialize on it. */
    @Transactional
    public Customer lock(long customerId) {
        return jdbc.sql(SELECT + "WHERE id = ? FOR UPDATE").param(customerId).query((rs, n) -> customer(rs))
                .optional().orElseThrow(() -> notFound(customerId));
    }

    private CustomerUsage usage(Customer c, long usedBytes) {
        QuotaAllocations.Allocation storage = allocations.allocated(c.id(), OptionalLong.empty())
                .get(QuotaItem.STORAGE);
        return new CustomerUsage(c.id(), c.name(), allocations.accounts(c.id()), storage.sum(),
                storage.unlimitedAccounts(), usedBytes);
    }

    private static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("name"), rs.getBoolean("enabled"), QuotaColumns.read(rs),
                Sql.instant(rs, "created_at"), rs.getLong("version"));
    }

    private static NotFoundException notFound(long customerId) {
        return new NotFoundException("customer " + customerId + " not found");
    }
}
