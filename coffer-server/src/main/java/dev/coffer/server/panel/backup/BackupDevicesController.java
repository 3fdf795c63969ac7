package dev.coffer.server.panel.backup;

import java.util.Optional;
import java.util.UUID;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.customer.CustomerUser;
import dev.coffer.server.customer.CustomerUserService;
import dev.coffer.server.device.Device;
import dev.coffer.server.device.DeviceService;
import dev.coffer.server.device.DeviceView;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.panel.CustomerAreaAccess;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.usage.UsageLedger;
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
 * Removing a device from the Manage page: a confirmation page, then the POST (CSRF-protected like every panel
 * form). The user is looked up within the admin's customer (another customer's is not found); a device id that is
 * not registered to that account (another account's, or removed meanwhile) leads back to the Manage page saying so,
 * and changes nothing, so a second POST is harmless. The form carries the device's version: a device changed since
 * the confirmation was shown (its schedule) is not removed, and the Manage page says so.
 */
@Controller
@RequestMapping("/customer/backup/users/{userId}/devices/{deviceId}")
class BackupDevicesController {

    static final String REMOVE_VIEW = "panel/customer/device-remove";
    static final String GONE = "This device is not registered to the account (any more): nothing was removed.";

    private final CustomerUserService users;
    private final BackupAccountService accounts;
    private final DeviceService devices;
    private final UsageLedger ledger;

    BackupDevicesController(CustomerUserService users, BackupAccountService accounts, DeviceService devices,
                            UsageLedger ledger) {
        this.users = users;
        this.accounts = accounts;
        this.devices = devices;
        this.ledger = ledger;
    }

    @ModelAttribute("menu")
    String menu() {
        return "backup";
    }

    @GetMapping("/remove")
    String confirmation(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                        @PathVariable String deviceId, Model model, RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        CustomerUser user = users.get(customerId, userId);
        BackupAccount account = accounts.get(customerId, userId);
        Optional<Device> device = id(deviceId).flatMap(id -> devices.find(account.id(), id));
        if (device.isEmpty()) {
            redirect.addFlashAttribute("problem", GONE);
            return manage(userId);
        }
        model.addAttribute("user", user);
        model.addAttribute("account", account);
        model.addAttribute("device", DeviceView.of(device.get(), ledger.bytesPerGb()));
        return REMOVE_VIEW;
    }

    @PostMapping("/remove")
    String remove(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                  @PathVariable String deviceId,
                  @RequestParam(name = "version", required = false) String version, RedirectAttributes redirect) {
        long customerId = CustomerAreaAccess.customerId(principal);
        BackupAccount account = accounts.get(customerId, userId);
        Optional<Device> device = id(deviceId).flatMap(id -> devices.find(account.id(), id));
        if (device.isEmpty()) {
            redirect.addFlashAttribute("problem", GONE);
            return manage(userId);
        }
        try {
            devices.remove(account.id(), device.get().id(), DeviceView.version(version));
        } catch (NotFoundException e) {
            // removed by someone else since it was read
            redirect.addFlashAttribute("problem", GONE);
            return manage(userId);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", DeviceView.CHANGED);
            return manage(userId);
        }
        redirect.addFlashAttribute("notice", DeviceView.removed(device.get().name()));
        return manage(userId);
    }

    private static String manage(long userId) {
        return "redirect:" + BackupController.BASE + "/users/" + userId;
    }

    /** Empty for a malformed id, which names no device. */
    private static Optional<UUID> id(String deviceId) {
        try {
            return Optional.of(UUID.fromString(deviceId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
