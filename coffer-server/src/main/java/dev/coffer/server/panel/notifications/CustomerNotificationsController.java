package dev.coffer.server.panel.notifications;

import java.util.Optional;

import dev.coffer.server.notification.AdminCopies;
import dev.coffer.server.notification.NotificationOutbox;
import dev.coffer.server.notification.Webhooks;
import dev.coffer.server.identity.PanelPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A customer admin's Notifications page: the switch for copies of the users' alerts, the customer's webhook (set
 * through the API) and the customer's own messages. {@code /customer/**} is for customer admins only.
 */
@Controller
@RequestMapping(CustomerNotificationsController.BASE)
class CustomerNotificationsController {

    static final String BASE = "/customer/notifications";
    static final String VIEW = "panel/customer/notifications";
    static final int PAGE_SIZE = 25;

    private final AdminCopies copies;
    private final NotificationOutbox outbox;
    private final Webhooks webhooks;

    CustomerNotificationsController(AdminCopies copies, NotificationOutbox outbox, Webhooks webhooks) {
        this.copies = copies;
        this.outbox = outbox;
        this.webhooks = webhooks;
    }

    @GetMapping
    String page(@AuthenticationPrincipal PanelPrincipal admin,
                @RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        long customerId = admin.customerId().orElseThrow();
        model.addAttribute("menu", "notifications");
        model.addAttribute("copies", copies.enabled(admin));
        model.addAttribute("webhook", webhooks.get(customerId).orElse(null));
        model.addAttribute("customerId", customerId);
        model.addAttribute("outbox", OutboxRows.of(outbox.page(Optional.of(customerId), Optional.empty(),
                Math.max(0, page), PAGE_SIZE)));
        return VIEW;
    }

    @PostMapping("/copies")
    String setCopies(@AuthenticationPrincipal PanelPrincipal admin,
                     @RequestParam(name = "copies", defaultValue = "false") boolean enabled,
                     RedirectAttributes redirect) {
        copies.set(admin, enabled);
        redirect.addFlashAttribute("notice", enabled
                ? "Saved: you receive copies of your users' alerts at your email address."
                : "Saved: you no longer receive copies of your users' alerts.");
        return "redirect:" + BASE;
    }
}
