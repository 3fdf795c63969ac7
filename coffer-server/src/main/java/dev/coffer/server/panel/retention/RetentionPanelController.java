package dev.coffer.server.panel.retention;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.panel.CustomerAreaAccess;
import dev.coffer.server.retention.RetentionPolicies;
import dev.coffer.server.retention.RetentionSettings;
import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ValidationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Retention card of a backup account's Manage page in the customer area (fragment {@value #FRAGMENT}): saves
 * the policy and goes back to the page, with the refused fields and the input in the flash when it is invalid.
 */
@Controller
class RetentionPanelController {

    static final String FRAGMENT = "panel/customer/retention";
    private static final String BACK = "redirect:/customer/backup/users/%d#retention";

    private final BackupAccountService accounts;
    private final RetentionPolicies policies;

    RetentionPanelController(BackupAccountService accounts, RetentionPolicies policies) {
        this.accounts = accounts;
        this.policies = policies;
    }

    @PostMapping("/customer/backup/users/{userId}/retention")
    String save(@AuthenticationPrincipal PanelPrincipal principal, @PathVariable long userId,
                @RequestParam Map<String, String> input, RedirectAttributes redirect) {
        long accountId = accounts.get(CustomerAreaAccess.customerId(principal), userId).id();
        try {
            RetentionSettings settings = RetentionSettings.of(number(input, "keepLast"), number(input, "keepDaily"),
                    number(input, "keepWeekly"), number(input, "keepMonthly"), number(input, "keepYearly"));
            Integer version = number(input, "version");
            policies.set(accountId, settings, version == null ? -1 : version);
            redirect.addFlashAttribute("notice", "Retention policy saved; the server applies it from its next run.");
        } catch (ValidationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldProblem p : e.problems()) {
                errors.putIfAbsent(p.field(), p.message());
            }
            Map<String, String> entered = new LinkedHashMap<>();
            for (String field : RetentionSettings.FIELDS) {
                entered.put(field, input.getOrDefault(field, ""));
            }
            redirect.addFlashAttribute("retentionErrors", errors);
            redirect.addFlashAttribute("retentionInput", entered);
            redirect.addFlashAttribute("problem", "The retention policy was not saved: correct the marked fields.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", "The retention policy was not saved: " + e.getMessage());
        }
        return String.format(BACK, userId);
    }

    private static Integer number(Map<String, String> input, String field) {
        String v = input.get(field);
        if (v == null || !v.strip().matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(v.strip());
    }
}
