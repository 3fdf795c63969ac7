package dev.coffer.server.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The console menu's "Other users" entry appears on every page for a user with "Manage backups for other users". */
@ControllerAdvice(basePackageClasses = ConsoleMenuAdvice.class)
class ConsoleMenuAdvice {

    private final ConsoleAccounts accounts;

    ConsoleMenuAdvice(ConsoleAccounts accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("managesOthers")
    boolean managesOthers(@AuthenticationPrincipal ConsoleUser user) {
        return user != null && accounts.current(user).map(a -> a.manageOtherUsers()).orElse(false);
    }
}
