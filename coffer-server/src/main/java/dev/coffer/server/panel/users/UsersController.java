package dev.coffer.server.panel.users;

import java.util.List;
import java.util.stream.Collectors;

import dev.coffer.server.panel.CustomerAreaAccess;
import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.panel.quota.FormField;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.customer.CustomerUserService;
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

/** The customer area's Users page: the people to whom the customer may give the backup service. */
@Controller
@RequestMapping("/customer/users")
class UsersController {

    static final String LIST_VIEW = "panel/customer/users";
    static final String EDIT_VIEW = "panel/customer/user-edit";
    static final String BASE = "/customer/users";

    /** One row of the Users page. */
    record Row(CustomerUser user, boolean hasService) {
    }

    private final CustomerUserService users;
    private final BackupAccountService accounts;

    UsersController(CustomerUserService users, BackupAccountService accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    @ModelAttribute("menu")
    String menu() {
        return "users";
    }

    @GetMapping
    String list(@AuthenticationPrincipal PanelPrincipal principal, Model model) {
        return listPage(model, CustomerAreaAccess.customerId(principal), new UserForm(), FormErrors.none());
    }

    @PostMapping
    String add(@AuthenticationPrincipal PanelPrincipal principal, @ModelAttribute("form") UserForm form, Model model,
               RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        try {
            CustomerUser u = users.create(customerId, form.getName(), form.getEmail());
            redirect.addFlashAttribute("notice", u.name() + " has been added.");
            return "redirect:" + BASE;
        } catch (ValidationException e) {
            return listPage(model, customerId, form, FormField.place(e, UserForm.LABELS, "quotas", FormErrors.none()));
        }
    }

    @GetMapping("/{userId}")
    String editForm(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId, Model model) {
        CustomerUser u = users.get(CustomerAreaAccess.customerId(principal), userId);
        return editPage(model, u, UserForm.of(u.name(), u.email()), FormErrors.none());
    }

    @PostMapping("/{userId}")
    String edit(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                @ModelAttribute("form") UserForm form, Model model, RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser u = users.get(customerId, userId);
        try {
            users.update(customerId, userId, form.getName(), form.getEmail());
            redirect.addFlashAttribute("notice", "The changes to " + form.getName().strip() + " have been saved.");
            return "redirect:" + BASE;
        } catch (ValidationException e) {
            return editPage(model, u, form, FormField.place(e, UserForm.LABELS, "quotas", FormErrors.none()));
        }
    }

    @PostMapping("/{userId}/delete")
    String delete(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                  RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser u = users.get(customerId, userId);
        try {
            users.delete(customerId, userId);
            redirect.addFlashAttribute("notice", u.name() + " has been deleted.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", u.name() + " still has the backup service. Remove the service on "
                    + "the Backup page first, then delete the user.");
        }
        return "redirect:" + BASE;
    }

    private String listPage(Model model, long customerId, UserForm form, FormErrors errors) {
        List<Row> rows = users.list(customerId).stream()
                .map(u -> new Row(u, accounts.find(customerId, u.id()).isPresent()))
                .collect(Collectors.toList());
        model.addAttribute("rows", rows);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return LIST_VIEW;
    }

    private String editPage(Model model, CustomerUser user, UserForm form, FormErrors errors) {
        model.addAttribute("user", user);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return EDIT_VIEW;
    }
}
