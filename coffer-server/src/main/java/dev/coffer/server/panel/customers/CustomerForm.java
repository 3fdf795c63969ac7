package dev.coffer.server.panel.customers;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.coffer.server.panel.quota.QuotaForm;
import dev.coffer.server.panel.quota.QuotaFormHolder;
import dev.coffer.server.customer.Customer;

/**
 * The provider's customer form: name, domains, the first customer admin (on creation only) and customer-level quotas.
 */
public class CustomerForm extends QuotaFormHolder {

    static final Map<String, String> LABELS = Map.of(
            "name", "Customer name",
            "adminLogin", "Admin login",
            "adminEmail", "Admin email",
            "adminPassword", "Admin password",
            "domains", "Domains");

    private String name = "";
    private String adminLogin = "";
    private String adminEmail = "";
    private String adminPassword = "";
    private String domains = "";

    static CustomerForm of(Customer customer, List<String> domains) {
        CustomerForm f = new CustomerForm();
        f.name = customer.name();
        f.domains = String.join("\n", domains);
        f.setQuotas(QuotaForm.of(customer.quotas()));
        f.setVersion(customer.version());
        return f;
    }

    /** The typed admin password, or empty to let the server generate one. */
    Optional<String> adminPasswordOrGenerate() {
        return adminPassword == null || adminPassword.isEmpty() ? Optional.empty() : Optional.of(adminPassword);
    }

    /** The typed domains: one per line or separated by commas (the service splits at commas and spaces). */
    List<String> domainList() {
        return domains == null ? List.of() : domains.lines().filter(l -> !l.isBlank()).toList();
    }

    public String getDomains() {
        return domains;
    }

    public void setDomains(String domains) {
        this.domains = domains;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAdminLogin() {
        return adminLogin;
    }

    public void setAdminLogin(String adminLogin) {
        this.adminLogin = adminLogin;
    }

    public String getAdminEmail() {
        return adminEmail;
    }

    public void setAdminEmail(String adminEmail) {
        this.adminEmail = adminEmail;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }
}
