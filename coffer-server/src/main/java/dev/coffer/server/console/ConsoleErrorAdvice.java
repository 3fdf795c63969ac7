package dev.coffer.server.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import dev.coffer.server.system.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The console's pages for what a user may not see: another user's backups without "Manage backups for other users"
 * (403), and what does not exist or belongs to another customer (404, alike, so nothing is learnt about others).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrorAdvice {

    static final String VIEW = "console/error";

    @ExceptionHandler(ConsoleAccounts.SessionEnded.class)
    String ended(HttpServletRequest request) throws ServletException {
        return ConsoleAccounts.endSession(request);
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        model.addAttribute("message", "This page does not exist, or it is not yours to see.");
        return VIEW;
    }

    @ExceptionHandler(AccessDeniedException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(Model model) {
        model.addAttribute("status", 403);
        model.addAttribute("message", "Your backup account may manage only its own backups. Your administrator can "
                + "allow \"Manage backups for other users\" in the Customer Control Panel.");
        return VIEW;
    }
}
