package dev.coffer.server.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import dev.coffer.server.backupaccount.AccountStatus;
import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.notification.NotificationOutbox;
import dev.coffer.server.notification.OutboxEntry;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's Notifications page: the messages to the logged-in backup user (subject, state, time), whether or
 * not mail is configured. The List-Unsubscribe header of every mail points here.
 */
@Controller
class ConsoleNotificationsController {

    static final String PATH = ConsolePaths.BASE + "/notifications";
    static final String VIEW = "console/notifications";
    private static final int LIMIT = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One message as the page shows it. */
    record Message(String created, String subject, String state, String badge) {
    }

    private final BackupAccountService accounts;
    private final NotificationOutbox outbox;

    ConsoleNotificationsController(BackupAccountService accounts, NotificationOutbox outbox) {
        this.accounts = accounts;
        this.outbox = outbox;
    }

    @GetMapping(PATH)
    String notifications(@AuthenticationPrincipal ConsoleUser user, HttpServletRequest request, Model model)
            throws ServletException {
        Optional<BackupAccount> account = accounts.find(user.customerId(), user.userId())
                .filter(a -> a.status() == AccountStatus.ACTIVE);
        if (account.isEmpty()) {
            request.logout();
            return "redirect:" + ConsolePaths.LOGIN + "?ended";
        }
        BackupAccount a = account.get();
        List<Message> messages = outbox.history(a.id(), LIMIT).stream().map(ConsoleNotificationsController::message)
                .toList();
        model.addAttribute("menu", "notifications");
        model.addAttribute("level", a.notificationLevel().label());
        model.addAttribute("quotaNotifications", a.quotaNotifications());
        model.addAttribute("messages", messages);
        return VIEW;
    }

    private static Message message(OutboxEntry e) {
        return switch (e.state()) {
            // the user cares whether it reached them; retries and claims are the provider's business
            case QUEUED, SENDING -> new Message(TIME.format(e.createdAt()), e.subject(), "Not sent yet", "suspended");
            case SENT -> new Message(TIME.format(e.createdAt()), e.subject(), "Sent", "active");
            case FAILED -> new Message(TIME.format(e.createdAt()), e.subject(), "Could not be sent", "disabled");
        };
    }
}
