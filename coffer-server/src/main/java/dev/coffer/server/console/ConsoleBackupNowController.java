package dev.coffer.server.console;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.device.BackupRequests;
import dev.coffer.server.system.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's "Back up now" button on a device of the logged-in user's own account (the form is the fragment
 * {@code console/backup-now :: button(deviceId)}): the device backs up at its next poll. A device of another account
 * is not found.
 */
@Controller
class ConsoleBackupNowController {

    static final String PATH = ConsolePaths.BASE + "/devices/{deviceId}/backup-now";
    /** The flash attribute the fragment reads to say "requested" beside the device's button. */
    static final String REQUESTED = "backupRequestedDevice";

    private final BackupAccountService accounts;
    private final BackupRequests requests;

    ConsoleBackupNowController(BackupAccountService accounts, BackupRequests requests) {
        this.accounts = accounts;
        this.requests = requests;
    }

    @PostMapping(PATH)
    String backUpNow(@AuthenticationPrincipal ConsoleUser user, @PathVariable String deviceId,
                     HttpServletRequest request, RedirectAttributes redirect) throws ServletException {
        Optional<BackupAccount> account = accounts.find(user.customerId(), user.userId())
                .filter(a -> a.id() == user.accountId() && a.status() == AccountStatus.ACTIVE);
        if (account.isEmpty()) {
            request.logout();
            return "redirect:" + ConsolePaths.LOGIN + "?ended";
        }
        UUID id;
        try {
            id = UUID.fromString(deviceId);
            requests.request(account.get().id(), id);
        } catch (IllegalArgumentException | NotFoundException e) {
            // another account's device looks exactly like one that does not exist
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "device not found");
        }
        redirect.addFlashAttribute(REQUESTED, id.toString());
        return "redirect:" + ConsolePaths.BASE;
    }
}
