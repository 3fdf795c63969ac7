package dev.coffer.server.panel;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The one login page for provider and customer admins, and the start page that sends each to their area. */
@Controller
class LoginController {

    static final String VIEW = "panel/login";
    static final String WRONG_CREDENTIALS = "Wrong login or password.";

    @GetMapping("/login")
    String login(@RequestParam(name = "error", required = false) String error, HttpSession session, Model model) {
        if (error != null) {
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("loginError", describe(failure));
            model.addAttribute("lastLogin", dev.coffer.server.system.LastLoginMemory.lastLogin(session));
        }
        return VIEW;
    }

    @GetMapping("/")
    String home(Authentication authentication) {
        return "redirect:" + PanelPaths.home(authentication);
    }

    /**
     * Says why a login failed without telling which of login or password was wrong; throttling and disabled
     * customers carry their own message (e.g. "Too many failed attempts...").
     */
    static String describe(Object failure) {
        if (failure == null || failure instanceof BadCredentialsException || failure instanceof UsernameNotFoundException) {
            return WRONG_CREDENTIALS;
        }
        if (failure instanceof DisabledException) {
            return "This login is disabled. Please contact your provider.";
        }
        if (failure instanceof AuthenticationException e && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return WRONG_CREDENTIALS;
    }
}
