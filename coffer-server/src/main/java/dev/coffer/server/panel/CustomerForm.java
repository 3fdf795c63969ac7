package dev.coffer.server.panel;

import java.util.Map;
import java.util.Optional;

import dev.coffer.server.customer.Customer;
import dev.coffer.server.quota.Quotas;

/** The provider's customer form: name, the first customer admin (on creation only) and customer-level quotas. */
public class CustomerForm {

    static final Map<String, String> LABELS = Map.of(
            "name", "Customer name",
            "adminLogin", "Admin login",
            "adminEmail", "Admin email",
            "adminPassword", "Admin password");

    private String name = "";
    private String adminLogin = "";
    private String adminEmail = "";
    private String adminPassword = "";
    private QuotaForm quotas = QuotaForm.of(Quotas.unlimited());
    private long version;

    static CustomerForm of(Customer customer) {
        CustomerForm f = new CustomerForm();
        f.name = customer.name();
        f.quotas = QuotaForm.of(customer.quotas());
        f.version = customer.version();
        return f;
    }

    /** The typed admin password, or empty to let the server generate one. */
    Optional<String> adminPasswordOrGenerate() {
        return adminPassword == null || adminPassword.isEmpty() ? Optional.empty() : Optional.of(adminPassword);
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

    public QuotaForm getQuotas() {
        return quotas;
    }

    public void setQuotas(QuotaForm quotas) {
        this.quotas = quotas;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
