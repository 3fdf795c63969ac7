package dev.coffer.server.panel.customers;

import dev.coffer.server.panel.CustomerAreaAccess;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.identity.CustomerAdmin;
import dev.coffer.server.identity.CustomerAdminDirectory;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.system.ValidationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins of a customer on its Edit page: add another, give one a new password (shown once on the Edit page, in
 * the flash only), disable or enable one. Every action goes back to the Edit page with what happened.
 */
@Controller
@RequestMapping("/provider/customers/{customerId}/admins")
class ProviderCustomerAdminsController {

    /** A password shown once on the Edit page after a redirect; never stored. */
    record ShownAdminPassword(String login, String password) {
    }

    private final CustomerService customers;
    private final CustomerAdminDirectory admins;

    ProviderCustomerAdminsController(CustomerService customers, CustomerAdminDirectory admins) {
        this.customers = customers;
        this.admins = admins;
    }

    @PostMapping
    String add(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId,
               @RequestParam(name = "login", defaultValue = "") String login,
               @RequestParam(name = "email", defaultValue = "") String email, RedirectAttributes redirect) {
        CustomerAreaAccess.requireProvider(principal);
        customers.get(customerId);
        try {
            String password = admins.add(customerId, login, email);
            redirect.addFlashAttribute("adminPassword", new ShownAdminPassword(login.strip(), password));
            redirect.addFlashAttribute("notice", "The admin " + login.strip() + " has been added.");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("adminProblem", "The admin was not added: " + e.problems().stream()
                    .map(p -> ("login".equals(p.field()) ? "Login" : "Email") + " " + p.message())
                    .reduce((a, b) -> a + "; " + b).orElse(""));
            redirect.addFlashAttribute("newAdminLogin", login);
            redirect.addFlashAttribute("newAdminEmail", email);
        }
        return back(customerId);
    }

    @PostMapping("/{adminId}/password")
    String resetPassword(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId,
                         @PathVariable long adminId, RedirectAttributes redirect) {
        CustomerAreaAccess.requireProvider(principal);
        String login = find(customerId, adminId).login();
        redirect.addFlashAttribute("adminPassword", new ShownAdminPassword(login,
                admins.resetPassword(customerId, adminId)));
        redirect.addFlashAttribute("notice", "The admin " + login + " has a new password; the old one no longer works.");
        return back(customerId);
    }

    @PostMapping("/{adminId}/disable")
    String disable(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId,
                   @PathVariable long adminId, RedirectAttributes redirect) {
        return setDisabled(principal, customerId, adminId, true, redirect);
    }

    @PostMapping("/{adminId}/enable")
    String enable(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long customerId,
                  @PathVariable long adminId, RedirectAttributes redirect) {
        return setDisabled(principal, customerId, adminId, false, redirect);
    }

    private String setDisabled(PanelPrincipal principal, long customerId, long adminId, boolean disabled,
                               RedirectAttributes redirect) {
        CustomerAreaAccess.requireProvider(principal);
        try {
            CustomerAdmin a = admins.setDisabled(customerId, adminId, disabled);
            redirect.addFlashAttribute("notice", disabled ? "The admin " + a.login() + " is disabled and can no "
                    + "longer log in." : "The admin " + a.login() + " can log in again.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("adminProblem", "Not disabled: " + e.getMessage());
        }
        return back(customerId);
    }

    private CustomerAdmin find(long customerId, long adminId) {
        return admins.list(customerId).stream().filter(a -> a.id() == adminId).findFirst()
                .orElseThrow(() -> new dev.coffer.server.system.NotFoundException("admin " + adminId + " not found"));
    }

    private static String back(long customerId) {
        return "redirect:" + ProviderCustomersController.BASE + "/" + customerId;
    }
}
