package dev.coffer.server.console;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.device.DeviceOverviews;
import dev.coffer.server.device.DeviceService;
import dev.coffer.server.device.DeviceView;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.ValidationException;
import dev.coffer.server.usage.UsageLedger;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's device actions (a device's daily schedule, removing a device) on one's own account and, with
 * "Manage backups for other users", on the other backup accounts of the same customer, which that permission also
 * lists and shows. {@link ConsoleAccounts} decides whose accounts a user reaches: without the permission another
 * user's pages are 403, another customer's accounts are never found (404).
 */
@Controller
class ConsoleManageController {

    static final String USERS_VIEW = "console/users";
    static final String USER_VIEW = "console/user";
    static final String REMOVE_VIEW = "console/device-remove";

    /** One other user's account on the list: who, their devices with last runs, and their usage. */
    record AccountRow(long userId, String name, String login, boolean active, DeviceOverviews.Overview overview) {
    }

    private final ConsoleAccounts consoleAccounts;
    private final BackupAccountService accounts;
    private final CustomerUserService users;
    private final DeviceService devices;
    private final DeviceOverviews overviews;
    private final UsageLedger ledger;

    ConsoleManageController(ConsoleAccounts consoleAccounts, BackupAccountService accounts, CustomerUserService users,
                            DeviceService devices, DeviceOverviews overviews, UsageLedger ledger) {
        this.consoleAccounts = consoleAccounts;
        this.accounts = accounts;
        this.users = users;
        this.devices = devices;
        this.overviews = overviews;
        this.ledger = ledger;
    }

    @GetMapping(ConsolePaths.USERS)
    String others(@AuthenticationPrincipal ConsoleUser user, Model model) {
        BackupAccount self = consoleAccounts.self(user);
        consoleAccounts.requireManager(self);
        List<AccountRow> rows = accounts.list(self.customerId()).stream()
                .filter(a -> a.userId() != self.userId())
                .map(a -> new AccountRow(a.userId(), users.get(a.customerId(), a.userId()).name(), a.login(),
                        a.status() == dev.coffer.server.backupaccount.AccountStatus.ACTIVE, overviews.of(a)))
                .sorted(Comparator.comparing(AccountRow::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
        model.addAttribute("menu", "users");
        model.addAttribute("rows", rows);
        return USERS_VIEW;
    }

    @GetMapping(ConsolePaths.USERS + "/{userId}")
    String other(@AuthenticationPrincipal ConsoleUser user, @PathVariable long userId,
                 Model model) {
        BackupAccount self = consoleAccounts.self(user);
        if (userId == self.userId()) {
            return "redirect:" + ConsolePaths.BASE;
        }
        BackupAccount a = consoleAccounts.managed(self, userId);
        model.addAttribute("menu", "users");
        model.addAttribute("account", a);
        model.addAttribute("userName", users.get(a.customerId(), a.userId()).name());
        model.addAttribute("overview", overviews.of(a));
        model.addAttribute("deviceBase", ConsolePaths.devicesOf(a.userId()));
        return USER_VIEW;
    }

    @PostMapping(ConsolePaths.USERS + "/{userId}/devices/{deviceId}/schedule")
    String schedule(@AuthenticationPrincipal ConsoleUser user, @PathVariable long userId,
                    @PathVariable String deviceId, @RequestParam(name = "daily", required = false) String daily,
                    @RequestParam(name = "version", required = false) String version, RedirectAttributes redirect) {
        BackupAccount self = consoleAccounts.self(user);
        BackupAccount a = consoleAccounts.managed(self, userId);
        UUID id = id(deviceId);
        String name = device(a, id).name();
        try {
            String time = devices.setSchedule(a.id(), id, daily, DeviceView.version(version)).schedule();
            redirect.addFlashAttribute("notice", name + " now backs up daily at " + time + " (its local time).");
        } catch (ValidationException e) {
            // nothing changed: say why
            redirect.addFlashAttribute("problem", "Schedule of " + name + ": " + e.problems().get(0).message()
                    + ". The schedule was not changed.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", DeviceView.CHANGED);
        }
        return "redirect:" + ConsolePaths.userPage(a.userId(), self.userId());
    }

    @GetMapping(ConsolePaths.USERS + "/{userId}/devices/{deviceId}/remove")
    String removeConfirmation(@AuthenticationPrincipal ConsoleUser user, @PathVariable long userId,
                              @PathVariable String deviceId, Model model) {
        BackupAccount self = consoleAccounts.self(user);
        BackupAccount a = consoleAccounts.managed(self, userId);
        model.addAttribute("menu", a.userId() == self.userId() ? "home" : "users");
        model.addAttribute("account", a);
        model.addAttribute("device", DeviceView.of(device(a, id(deviceId)), ledger.bytesPerGb()));
        model.addAttribute("back", ConsolePaths.userPage(a.userId(), self.userId()));
        model.addAttribute("action", ConsolePaths.devicesOf(a.userId()) + deviceId + "/remove");
        return REMOVE_VIEW;
    }

    @PostMapping(ConsolePaths.USERS + "/{userId}/devices/{deviceId}/remove")
    String remove(@AuthenticationPrincipal ConsoleUser user, @PathVariable long userId, @PathVariable String deviceId,
                  @RequestParam(name = "version", required = false) String version, RedirectAttributes redirect) {
        BackupAccount self = consoleAccounts.self(user);
        BackupAccount a = consoleAccounts.managed(self, userId);
        UUID id = id(deviceId);
        String name = device(a, id).name();
        try {
            devices.remove(a.id(), id, DeviceView.version(version));
            redirect.addFlashAttribute("notice", DeviceView.removed(name));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", DeviceView.CHANGED);
        }
        return "redirect:" + ConsolePaths.userPage(a.userId(), self.userId());
    }

    private dev.coffer.server.device.Device device(BackupAccount a, UUID id) {
        return devices.find(a.id(), id).orElseThrow(() -> new NotFoundException("device " + id + " not found"));
    }

    /** A malformed id names no device: the same 404 as another account's device. */
    private static UUID id(String deviceId) {
        try {
            return UUID.fromString(deviceId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("device " + deviceId + " not found");
        }
    }
}
