package dev.coffer.server.customer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ValidationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The domains the provider assigned to each customer. A domain belongs to one customer across the installation, and
 * a backup login must be an address in one of its customer's domains: so a login can only ever be taken within the
 * same customer, and "is already taken" never tells a customer's admin about another customer's logins.
 */
@Service
public class CustomerDomains {

    /** The API's and the form's field name. */
    public static final String FIELD = "domains";
    static final int MAX_DOMAINS = 100;

    private final JdbcClient jdbc;

    CustomerDomains(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer's domains, in alphabetical order (empty when the provider assigned none). */
    @Transactional(readOnly = true)
    public List<String> of(long customerId) {
        return jdbc.sql("SELECT domain FROM customer_domain WHERE customer_id = ? ORDER BY domain")
                .param(customerId).query(String.class).list();
    }

    /** Every customer's domains, by customer id (customers without any are absent). */
    @Transactional(readOnly = true)
    public Map<Long, List<String>> all() {
        Map<Long, List<String>> result = new LinkedHashMap<>();
        jdbc.sql("SELECT customer_id, domain FROM customer_domain ORDER BY customer_id, domain")
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("customer_id"), k -> new ArrayList<>())
                            .add(rs.getString("domain"));
                });
        return result;
    }

    /**
     * The problem with {@code login} as a new backup login of the customer: it must be an email address whose domain
     * (compared in its IDNA ASCII form, case-insensitively, exactly: a sub-domain is another domain) is one of the
     * customer's. Says nothing about whether the login is taken.
     */
    @Transactional(readOnly = true)
    public Optional<FieldProblem> loginProblem(long customerId, String login, String field) {
        List<String> domains = of(customerId);
        Optional<String> domain = DomainNames.ofAddress(login);
        if (domain.isPresent() && domains.contains(domain.get())) {
            return Optional.empty();
        }
        if (domains.isEmpty()) {
            return Optional.of(new FieldProblem(field, "cannot be given yet: the provider has assigned no domain to "
                    + "this customer, and a login must be an address at one of its domains"));
        }
        return Optional.of(new FieldProblem(field, hint(domains)));
    }

    /** "must be an address at acme.example" or "must be an address at one of: a.example, b.example". */
    public static String hint(List<String> domains) {
        return domains.size() == 1 ? "must be an address at " + domains.get(0)
                : "must be an address at one of: " + String.join(", ", domains);
    }

    /**
     * Checks {@code domains} (problems on {@link #FIELD}) and returns their normal forms: valid domain names, at most
     * {@value #MAX_DOMAINS}, none held by another customer than {@code customerId} (empty for a new customer).
     */
    List<String> check(Optional<Long> customerId, List<String> domains, List<FieldProblem> problems) {
        List<String> parsed = DomainNames.parse(domains, FIELD, problems);
        if (parsed.size() > MAX_DOMAINS) {
            problems.add(new FieldProblem(FIELD, "must be at most " + MAX_DOMAINS + " domains"));
        }
        for (String d : parsed) {
            if (heldByAnother(customerId, d)) {
                problems.add(new FieldProblem(FIELD, d + " is assigned to another customer"));
            }
        }
        return parsed;
    }

    /** Whether another customer than {@code customerId} holds {@code domain} (a normal form). */
    boolean heldByAnother(Optional<Long> customerId, String domain) {
        return jdbc.sql("SELECT COUNT(*) FROM customer_domain WHERE domain = ? AND customer_id <> ?")
                .params(domain, customerId.orElse(-1L)).query(Long.class).single() > 0;
    }

    /** Makes {@code domains} (normal forms, checked) the customer's, in the caller's transaction. */
    void replace(long customerId, List<String> domains) {
        jdbc.sql("DELETE FROM customer_domain WHERE customer_id = ?").param(customerId).update();
        try {
            for (String d : domains) {
                jdbc.sql("INSERT INTO customer_domain (customer_id, domain) VALUES (?, ?)").params(customerId, d)
                        .update();
            }
        } catch (DuplicateKeyException e) {
            // another request assigned one of them to its customer between our check and this insert
            throw new ValidationException(FIELD, "one of " + String.join(", ", domains)
                    + " was just assigned to another customer; try again");
        }
    }
}
