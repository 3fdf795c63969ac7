package dev.coffer.server.panel.notifications;

import java.util.Locale;
import java.util.Optional;

import dev.coffer.server.notification.MailStatus;
import dev.coffer.server.notification.NotificationOutbox;
import dev.coffer.server.notification.OutboxState;
import dev.coffer.server.notification.TestEmailResult;
import dev.coffer.server.system.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The provider's Notifications page: whether mail is configured, a test email that reports the SMTP server's
 * answer, and the outbox of every customer (queued, sent, failed with the reason), paged and filtered by state.
 * {@code /provider/**} is for provider admins only (the security configuration).
 */
@Controller
@RequestMapping(ProviderNotificationsController.BASE)
class ProviderNotificationsController {

    static final String BASE = "/provider/notifications";
    static final String VIEW = "panel/provider/notifications";
    static final int PAGE_SIZE = 25;

    private final NotificationOutbox outbox;
    private final MailStatus mail;

    ProviderNotificationsController(NotificationOutbox outbox, MailStatus mail) {
        this.outbox = outbox;
        this.mail = mail;
    }

    @GetMapping
    String page(@RequestParam(name = "state", required = false) String state,
                @RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        Optional<OutboxState> filter = parse(state);
        model.addAttribute("menu", "notifications");
        model.addAttribute("mailConfigured", mail.configured());
        model.addAttribute("mailServer", mail.server().orElse(""));
        model.addAttribute("states", OutboxState.values());
        model.addAttribute("state", filter.map(Enum::name).orElse(""));
        model.addAttribute("outbox", OutboxRows.of(outbox.page(Optional.empty(), filter, Math.max(0, page), PAGE_SIZE)));
        return VIEW;
    }

    @PostMapping("/test")
    String test(@RequestParam(name = "to", required = false) String to, RedirectAttributes redirect) {
        try {
            TestEmailResult r = mail.sendTest(to);
            redirect.addFlashAttribute("testDelivered", r.delivered());
            redirect.addFlashAttribute("testAnswer", r.answer());
        } catch (ValidationException e) {
            redirect.addFlashAttribute("testDelivered", false);
            redirect.addFlashAttribute("testAnswer", "Email address " + e.problems().get(0).message() + ".");
        }
        redirect.addFlashAttribute("testTo", to == null ? "" : to);
        return "redirect:" + BASE;
    }

    private static Optional<OutboxState> parse(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OutboxState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
