package dev.coffer.server.panel.tokens;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.apitoken.ApiToken;
import dev.coffer.server.apitoken.ApiTokenService;
import dev.coffer.server.apitoken.CreatedApiToken;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.system.ValidationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API tokens of the logged-in admin, for scripts and billing systems: create (the secret is shown once), list,
 * revoke. Provider and customer admins each reach it inside their own area.
 */
@Controller
class ApiTokensController {

    static final String VIEW = "panel/tokens";
    static final String CUSTOMER_BASE = "/customer/api-tokens";
    static final String PROVIDER_BASE = "/provider/api-tokens";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** One row of the token list, with its times as shown. */
    record Row(long id, String name, String prefix, String created, String lastUsed) {

        static Row of(ApiToken t) {
            return new Row(t.id(), t.name(), t.prefix(), WHEN.format(t.createdAt()),
                    t.lastUsedAt() == null ? "Never" : WHEN.format(t.lastUsedAt()));
        }
    }

    private final ApiTokenService tokens;

    ApiTokensController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @ModelAttribute("menu")
    String menu() {
        return "tokens";
    }

    @GetMapping({CUSTOMER_BASE, PROVIDER_BASE})
    String list(@AuthenticationPrincipal PanelPrincipal principal, Model model) {
        return page(principal, model, "", FormErrors.none());
    }

    @PostMapping({CUSTOMER_BASE, PROVIDER_BASE})
    String create(@AuthenticationPrincipal PanelPrincipal principal,
                  @RequestParam(name = "name", defaultValue = "") String name, Model model,
                  RedirectAttributes redirect) {
        try {
            CreatedApiToken created = tokens.create(principal, name);
            redirect.addFlashAttribute("createdToken", created);
            return "redirect:" + base(principal);
        } catch (ValidationException e) {
            FormErrors errors = FormErrors.none();
            e.problems().forEach(p -> errors.add("name", "Token name", p.message()));
            return page(principal, model, name, errors);
        }
    }

    @PostMapping({CUSTOMER_BASE + "/{tokenId}/revoke", PROVIDER_BASE + "/{tokenId}/revoke"})
    String revoke(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long tokenId,
                  RedirectAttributes redirect) {
        tokens.revoke(principal, tokenId);
        redirect.addFlashAttribute("notice", "The token has been revoked: requests with it are refused from now on.");
        return "redirect:" + base(principal);
    }

    private String page(PanelPrincipal principal, Model model, String name, FormErrors errors) {
        model.addAttribute("tokens", tokens.list(principal).stream().map(Row::of).collect(Collectors.toList()));
        model.addAttribute("base", base(principal));
        model.addAttribute("name", name);
        model.addAttribute("errors", errors);
        return VIEW;
    }

    private static String base(PanelPrincipal principal) {
        return principal.isProviderAdmin() ? PROVIDER_BASE : CUSTOMER_BASE;
    }
}
