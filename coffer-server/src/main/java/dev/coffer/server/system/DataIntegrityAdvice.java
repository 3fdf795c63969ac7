package dev.coffer.server.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Pages for two refusals that are not the user's fault. A busy password hasher answers 503 (try again).
 * Backstop for the pages: a database constraint that validation did not foresee answers 409 with the error page,
 * not a 500. (The API's equivalent is in {@link ApiExceptionHandler}.) Validation stays the real defence; this only
 * keeps a missed case from looking like a crash.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DataIntegrityAdvice {

    private static final Logger log = LoggerFactory.getLogger(DataIntegrityAdvice.class);

    @ExceptionHandler(DataIntegrityViolationException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String conflict(DataIntegrityViolationException e, Model model) {
        log.warn("A request was refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        model.addAttribute("status", 409);
        return "error";
    }

    /** A page whose password could not be hashed now (too many at once): 503, nothing changed, try again. */
    @ExceptionHandler(PasswordHashingBusyException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String busy(Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setHeader("Retry-After", "2");
        model.addAttribute("status", 503);
        return "error";
    }
}
