package dev.coffer.server.panel.customers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.coffer.server.panel.CustomerAreaAccess;
import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.panel.quota.FormField;
import dev.coffer.server.panel.quota.UsageBar;
import dev.coffer.server.customer.CreatedCustomer;
import dev.coffer.server.customer.CustomerDomains;
import dev.coffer.server.customer.CustomerPage;
import dev.coffer.server.customer.CustomerSearch;
import dev.coffer.server.customer.Customer;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.customer.CustomerUsage;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.system.ValidationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The provider area: customers with their usage; create, edit, disable and enable them. */
@Controller
@RequestMapping("/provider/customers")
class ProviderCustomersController {

    static final String LIST_VIEW = "panel/provider/customers";
    static final String FORM_VIEW = "panel/provider/customer-form";
    static final String CREATED_VIEW = "panel/provider/customer-created";
    static final String BASE = "/provider/customers";

    /** One row of the customer list. */
    record Row(Customer customer, long usersWithService, UsageBar storage) {
    }

    /** The first admin's credentials, carried over the redirect and shown once. */
    record CreatedAdmin(String customerName, String login, String password) {
    }

    private final CustomerService customers;
    private final CustomerSearch search;
    private final dev.coffer.server.identity.CustomerAdminDirectory admins;
    private final CustomerDomains domains;
    private final dev.coffer.server.usage.UsageLedger ledger;

    ProviderCustomersController(CustomerService customers, CustomerSearch search,
                                dev.coffer.server.identity.CustomerAdminDirectory admins, CustomerDomains domains,
                                dev.coffer.server.usage.UsageLedger ledger) {
        this.domains = domains;
        this.customers = customers;
        this.search = search;
        this.admins = admins;
        this.ledger = ledger;
    }

    @ModelAttribute("menu")
    String menu() {
        return "customers";
    }

    @GetMapping
    String list(@AuthenticationPrincipal PanelPrincipal principal,
                @org.springframework.web.bind.annotation.RequestParam(name = "q", defaultValue = "") String q,
                @org.springframework.web.bind.annotation.RequestParam(name = "page", defaultValue = "1") String page,
                Model model) {
        CustomerAreaAccess.requireProvider(principal);
        int pageNumber;
        try {
            pageNumber = Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            pageNumber = 1;
        }
        String query = q.length() > 200 ? q.substring(0, 200) : q;
        CustomerPage found = search.search(query, pageNumber, CustomerSearch.DEFAULT_SIZE);
        if (found.rows().isEmpty() && pageNumber > 1) {
            found = search.search(query, found.pages(), CustomerSearch.DEFAULT_SIZE);
        }
        List<Row> rows = found.rows().stream()
                .map(r -> new Row(r.customer(), r.usage().usersWithService(),
                        UsageBar.storage(r.usage(), r.customer().quotas().storageGb(), ledger.bytesPerGb())))
                .collect(Collectors.toList());
        model.addAttribute("rows", rows);
        model.addAttribute("found", found);
        model.addAttribute("q", query.strip());
        return LIST_VIEW;
    }

    @GetMapping("/new")
    String createForm(@AuthenticationPrincipal PanelPrincipal principal, Model model) {
        CustomerAreaAccess.requireProvider(principal);
        return formPage(model, null, new CustomerForm(), FormErrors.none());
    }

    @PostMapping
    String create(@AuthenticationPrincipal PanelPrincipal principal, @ModelAttribute("form") CustomerForm form,
                  Model model, RedirectAttributes redirect) {
        CustomerAreaAccess.requireProvider(principal);
        FormErrors errors = FormErrors.none();
        Optional<Quotas> quotas = form.getQuotas().toQuotas("quotas", errors);
        if (quotas.isEmpty()) {
            return formPage(model, null, form, errors);
        }
        try {
            CreatedCustomer created = customers.create(form.getName(), form.getAdminLogin(), form.getAdminEmail(),
                    form.adminPasswordOrGenerate(), quotas.get(), form.domainList());
            redirect.addFlashAttribute("createdAdmin", new CreatedAdmin(created.customer().name(),
                    form.getAdminLogin().strip(), created.generatedAdminPassword().orElse(null)));
            return "redirect:" + BASE + "/" + created.customer().id() + "/created";
        } catch (ValidationException e) {
            return formPage(model, null, form, FormField.place(e, CustomerForm.LABELS, "quotas", errors));
        }
    }

    @GetMapping("/{customerId}/created")
    String created(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId, Model model) {
        CustomerAreaAccess.requireProvider(principal);
        model.addAttribute("customer", customers.get(customerId));
        // the address to pass on to the customer's admin: this panel's login page, as the provider reached it
        model.addAttribute("panelUrl", org.springframework.web.servlet.support.ServletUriComponentsBuilder
                .fromCurrentContextPath().path("/login").build().toUriString());
        return CREATED_VIEW;
    }

    @GetMapping("/{customerId}")
    String editForm(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId, Model model) {
        CustomerAreaAccess.requireProvider(principal);
        Customer c = customers.get(customerId);
        return formPage(model, c, CustomerForm.of(c, domains.of(customerId)), FormErrors.none());
    }

    @PostMapping("/{customerId}")
    String update(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId,
                  @ModelAttribute("form") CustomerForm form, Model model, RedirectAttributes redirect) {
        CustomerAreaAccess.requireProvider(principal);
        Customer current = customers.get(customerId);
        FormErrors errors = FormErrors.none();
        Optional<Quotas> quotas = form.getQuotas().toQuotas("quotas", errors);
        if (quotas.isEmpty()) {
            return formPage(model, current, form, errors);
        }
        try {
            Customer c = customers.update(customerId, form.getName(), quotas.get(), Optional.of(form.domainList()),
                    form.getVersion());
            redirect.addFlashAttribute("notice", "The changes to " + c.name() + " have been saved.");
            return "redirect:" + BASE;
        } catch (ValidationException e) {
            FormField.place(e, CustomerForm.LABELS, "quotas", errors);
        } catch (ConflictException e) {
            model.addAttribute("stale", true);
            errors.add(FormErrors.GENERAL, null, "This customer was changed by someone else after you opened this "
                    + "page. Reload the page to see the current values, then make your change again.");
        }
        return formPage(model, current, form, errors);
    }

    @PostMapping("/{customerId}/disable")
    String disable(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId,
                   RedirectAttributes redirect) {
        return setEnabled(principal, customerId, false, redirect);
    }

    @PostMapping("/{customerId}/enable")
    String enable(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId,
                  RedirectAttributes redirect) {
        return setEnabled(principal, customerId, true, redirect);
    }

    private String setEnabled(PanelPrincipal principal, long customerId, boolean enabled, RedirectAttributes redirect) {
        CustomerAreaAccess.requireProvider(principal);
        Customer c = customers.setEnabled(customerId, enabled);
        redirect.addFlashAttribute("notice", enabled
                ? c.name() + " is enabled again: its admins can log in and its backup accounts run."
                : c.name() + " is disabled: its admins cannot log in and its backup accounts are suspended.");
        return "redirect:" + BASE;
    }

    private String formPage(Model model, Customer customer, CustomerForm form, FormErrors errors) {
        model.addAttribute("customer", customer);
        model.addAttribute("admins", customer == null ? java.util.List.of() : admins.list(customer.id()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return FORM_VIEW;
    }
}
