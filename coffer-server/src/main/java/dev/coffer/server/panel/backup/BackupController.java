package dev.coffer.server.panel.backup;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.coffer.server.panel.CustomerAreaAccess;
import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.panel.quota.FormField;
import dev.coffer.server.panel.quota.QuotaHints;
import dev.coffer.server.panel.quota.UsageBar;
import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.AssignResult;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.backupaccount.BackupSettings;
import dev.coffer.server.backupaccount.NotificationLevel;
import dev.coffer.server.identity.PasswordPolicy;
import dev.coffer.server.backupaccount.RemovedAccount;
import dev.coffer.server.customer.CustomerDomains;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.device.DeviceOverviews;
import dev.coffer.server.usage.AccountUsage;
import dev.coffer.server.usage.UsageLedger;
import dev.coffer.server.system.ConsoleAddress;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.system.ValidationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer area's Backup menu: the My Backup list, ASSIGN SERVICE with the Backup User Settings page, the
 * confirmation that shows the credentials once, and managing an account afterwards.
 */
@Controller
@RequestMapping("/customer/backup")
class BackupController {

    static final String MY_BACKUP_VIEW = "panel/customer/backup";
    static final String SETTINGS_VIEW = "panel/customer/backup-settings";
    static final String CREDENTIALS_VIEW = "panel/customer/backup-credentials";
    static final String REMOVE_VIEW = "panel/customer/backup-remove";
    static final String BASE = "/customer/backup";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu").withZone(ZoneOffset.UTC);

    /** One row of My Backup. */
    record UserRow(long id, String name, String email, String login, String status, String statusClass,
                   boolean hasService) {

        static UserRow of(CustomerUser user, Optional<BackupAccount> account) {
            if (account.isEmpty()) {
                return new UserRow(user.id(), user.name(), user.email(), null, "Not assigned", "none", false);
            }
            boolean active = account.get().status() == AccountStatus.ACTIVE;
            return new UserRow(user.id(), user.name(), user.email(), account.get().login(),
                    active ? "Active" : "Suspended", active ? "active" : "suspended", true);
        }
    }

    /** Credentials carried over the redirect to the confirmation page: shown once, never stored. */
    record ShownCredentials(String login, String password) {
    }

    private final CustomerService customers;
    private final CustomerUserService users;
    private final BackupAccountService accounts;
    private final String consoleUrl;
    private final ConsoleAddress consoleAddress;
    private final CustomerDomains domains;
    private final DeviceOverviews overviews;
    private final UsageLedger ledger;

    BackupController(CustomerService customers, CustomerUserService users, BackupAccountService accounts,
                     @Value("${coffer.console-url:}") String consoleUrl, ConsoleAddress consoleAddress,
                     CustomerDomains domains, DeviceOverviews overviews, UsageLedger ledger) {
        this.domains = domains;
        this.customers = customers;
        this.users = users;
        this.accounts = accounts;
        this.consoleUrl = consoleUrl;
        this.consoleAddress = consoleAddress;
        this.overviews = overviews;
        this.ledger = ledger;
    }

    @ModelAttribute("menu")
    String menu() {
        return "backup";
    }

    @GetMapping
    String myBackup(@AuthenticationPrincipal PanelPrincipal principal, Model model) {
        long customerId = CustomerAreaAccess.customerId(principal);
        List<BackupAccount> all = accounts.list(customerId);
        Map<Long, BackupAccount> byUser = all.stream()
                .collect(Collectors.toMap(BackupAccount::userId, Function.identity()));
        List<UserRow> rows = users.list(customerId).stream()
                .map(u -> UserRow.of(u, Optional.ofNullable(byUser.get(u.id()))))
                .collect(Collectors.toList());
        model.addAttribute("rows", rows);
        model.addAttribute("loginRule", loginRule(customerId));
        // what the accounts use, devices registered and bytes stored, next to what they are assigned
        AccountUsage used = AccountUsage.sum(all.stream().map(a -> ledger.usage(a.id())).toList());
        model.addAttribute("usage", UsageBar.allocations(customers.get(customerId).quotas(),
                accounts.remaining(customerId, OptionalLong.empty()), customers.usage(customerId), used,
                ledger.bytesPerGb()));
        return MY_BACKUP_VIEW;
    }

    /** ASSIGN SERVICE on My Backup: the selected user's settings page, or Manage when the user has the service. */
    @GetMapping("/assign")
    String assignSelected(@AuthenticationPrincipal PanelPrincipal principal,
                          @RequestParam(name = "userId", required = false) Long userId, RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        if (userId == null) {
            redirect.addFlashAttribute("problem", "Select a user first, then press ASSIGN SERVICE.");
            return "redirect:" + BASE;
        }
        users.get(customerId, userId);
        return accounts.find(customerId, userId).isPresent()
                ? "redirect:" + BASE + "/users/" + userId
                : "redirect:" + BASE + "/users/" + userId + "/assign";
    }

    @GetMapping("/users/{userId}/assign")
    String assignForm(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId, Model model) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser user = users.get(customerId, userId);
        if (accounts.find(customerId, userId).isPresent()) {
            return "redirect:" + BASE + "/users/" + userId;
        }
        BackupAccountForm form = BackupAccountForm.forNew(user.email(), PasswordPolicy.generate(), Quotas.unlimited());
        form.setQuotas(QuotaHints.startingForm(accounts.remaining(customerId, OptionalLong.empty())));
        return settingsPage(model, customerId, user, Optional.empty(), form, FormErrors.none());
    }

    @PostMapping("/users/{userId}/assign")
    String assign(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                  @ModelAttribute("form") BackupAccountForm form, Model model, RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser user = users.get(customerId, userId);
        FormErrors errors = FormErrors.none();
        Optional<BackupSettings> settings = form.toSettings(errors);
        if (settings.isEmpty()) {
            // Say everything that is wrong at once, not the quotas now and the password after the next OK.
            PasswordPolicy.problems(form.getPassword(), form.getLogin())
                    .forEach(p -> errors.add("password", "Password", p));
            return settingsPage(model, customerId, user, Optional.empty(), form, errors);
        }
        try {
            AssignResult result = accounts.assign(customerId, userId, settings.get(), form.passwordOrGenerate());
            redirect.addFlashAttribute("credentials", new ShownCredentials(result.account().login(),
                    result.generatedPassword().orElse(form.getPassword())));
            return "redirect:" + BASE + "/users/" + userId + "/created";
        } catch (ValidationException e) {
            FormField.place(e, BackupAccountForm.LABELS, "quotas", errors);
            return settingsPage(model, customerId, user, Optional.empty(), form, errors);
        } catch (ConflictException e) {
            errors.add(FormErrors.GENERAL, null, e.getMessage());
            return settingsPage(model, customerId, user, Optional.empty(), form, errors);
        }
    }

    /** The confirmation after OK; the password is in the flash only, so a reload no longer shows it. */
    @GetMapping("/users/{userId}/created")
    String created(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId, Model model) {
        return credentialsPage(principal, userId, model, true);
    }

    @GetMapping("/users/{userId}/new-password")
    String newPasswordShown(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId, Model model) {
        return credentialsPage(principal, userId, model, false);
    }

    private String credentialsPage(PanelPrincipal principal, long userId, Model model, boolean created) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser user = users.get(customerId, userId);
        model.addAttribute("user", user);
        model.addAttribute("account", accounts.get(customerId, userId));
        model.addAttribute("created", created);
        model.addAttribute("consoleUrl", consoleUrl());
        return CREDENTIALS_VIEW;
    }

    @GetMapping("/users/{userId}")
    String manage(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId, Model model) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser user = users.get(customerId, userId);
        Optional<BackupAccount> account = accounts.find(customerId, userId);
        if (account.isEmpty()) {
            return "redirect:" + BASE + "/users/" + userId + "/assign";
        }
        return settingsPage(model, customerId, user, account, BackupAccountForm.of(account.get()), FormErrors.none());
    }

    @PostMapping("/users/{userId}")
    String update(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                  @ModelAttribute("form") BackupAccountForm form, Model model, RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser user = users.get(customerId, userId);
        Optional<BackupAccount> current = accounts.find(customerId, userId);
        if (current.isEmpty()) {
            return "redirect:" + BASE + "/users/" + userId + "/assign";
        }
        FormErrors errors = FormErrors.none();
        Optional<BackupSettings> settings = form.toSettings(errors);
        if (settings.isEmpty()) {
            return settingsPage(model, customerId, user, current, form, errors);
        }
        try {
            accounts.update(customerId, userId, settings.get(), form.getVersion());
            redirect.addFlashAttribute("notice", "The backup settings of " + user.name() + " have been saved.");
            return "redirect:" + BASE + "/users/" + userId;
        } catch (ValidationException e) {
            FormField.place(e, BackupAccountForm.LABELS, "quotas", errors);
        } catch (ConflictException e) {
            model.addAttribute("stale", true);
            errors.add(FormErrors.GENERAL, null, "These settings were changed by someone else after you opened "
                    + "this page. Reload the page to see the current settings, then make your change again.");
        }
        return settingsPage(model, customerId, user, current, form, errors);
    }

    @PostMapping("/users/{userId}/password")
    String setPassword(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                       @RequestParam(name = "newPassword", defaultValue = "") String newPassword, Model model,
                       RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser user = users.get(customerId, userId);
        Optional<String> typed = newPassword.isEmpty() ? Optional.empty() : Optional.of(newPassword);
        try {
            AssignResult result = accounts.setPassword(customerId, userId, typed);
            redirect.addFlashAttribute("credentials", new ShownCredentials(result.account().login(),
                    result.generatedPassword().orElse(newPassword)));
            return "redirect:" + BASE + "/users/" + userId + "/new-password";
        } catch (ValidationException e) {
            FormErrors errors = FormErrors.none();
            e.problems().forEach(p -> errors.add("newPassword", "New password", p.message()));
            Optional<BackupAccount> account = accounts.find(customerId, userId);
            model.addAttribute("newPassword", newPassword);
            return settingsPage(model, customerId, user, account, BackupAccountForm.of(account.orElseThrow()), errors);
        }
    }

    @PostMapping("/users/{userId}/suspend")
    String suspend(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                   RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        BackupAccount a = accounts.suspend(customerId, userId);
        redirect.addFlashAttribute("notice", "The backup service of " + a.login() + " is suspended: its agents "
                + "cannot back up until you resume it. Stored backups are kept.");
        return "redirect:" + BASE + "/users/" + userId;
    }

    @PostMapping("/users/{userId}/resume")
    String resume(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                  RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        try {
            BackupAccount a = accounts.resume(customerId, userId);
            redirect.addFlashAttribute("notice", "The backup service of " + a.login() + " is active again.");
        } catch (ConflictException e) {
            // e.g. while the provider has disabled the customer
            redirect.addFlashAttribute("problem", "The service cannot be resumed: " + e.getMessage());
        }
        return "redirect:" + BASE + "/users/" + userId;
    }

    @GetMapping("/users/{userId}/remove")
    String removeConfirmation(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                              Model model) {
        long customerId = CustomerAreaAccess.customerId(principal);
        model.addAttribute("user", users.get(customerId, userId));
        model.addAttribute("account", accounts.get(customerId, userId));
        model.addAttribute("graceDays", accounts.graceDays());
        return REMOVE_VIEW;
    }

    @PostMapping("/users/{userId}/remove")
    String remove(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                  RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        RemovedAccount removed = accounts.remove(customerId, userId);
        redirect.addFlashAttribute("notice", "The backup service of " + removed.login() + " has been removed. "
                + "Its stored backups are kept until " + DATE.format(removed.deleteBackupsAfter())
                + ", then deleted.");
        return "redirect:" + BASE;
    }

    private String settingsPage(Model model, long customerId, CustomerUser user, Optional<BackupAccount> account,
                                BackupAccountForm form, FormErrors errors) {
        OptionalLong excluding = account.isPresent() ? OptionalLong.of(user.id()) : OptionalLong.empty();
        model.addAttribute("user", user);
        model.addAttribute("account", account.orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("levels", NotificationLevel.values());
        model.addAttribute("loginRule", loginRule(customerId));
        Quotas customerQuotas = customers.get(customerId).quotas();
        Quotas remaining = accounts.remaining(customerId, excluding);
        model.addAttribute("quotaLeft", account.isPresent()
                ? QuotaHints.forAccount("quotas", customerQuotas, remaining, account.get().quotas())
                : QuotaHints.left("quotas", customerQuotas, remaining));
        model.addAttribute("quotaMax", QuotaHints.maxima("quotas", remaining));
        model.addAttribute("graceDays", accounts.graceDays());
        account.ifPresent(a -> model.addAttribute("overview", overviews.of(a)));
        if (!model.containsAttribute("newPassword")) {
            model.addAttribute("newPassword", PasswordPolicy.generate());
        }
        return SETTINGS_VIEW;
    }

    /** "Login must be an address at acme.example", or what to do when the provider assigned no domain. */
    private String loginRule(long customerId) {
        List<String> held = domains.of(customerId);
        return held.isEmpty() ? "Your provider has not assigned a domain to you yet, and a login must be an address "
                + "at one of your domains: ask your provider to add one."
                : "Login " + CustomerDomains.hint(held) + ".";
    }

    /** {@code coffer.console-url}, or this server's address + /console when it is not set ({@link ConsoleAddress}). */
    private String consoleUrl() {
        if (consoleUrl != null && !consoleUrl.isBlank()) {
            return consoleUrl.replaceAll("/+$", "");
        }
        return consoleAddress.fallback();
    }
}
