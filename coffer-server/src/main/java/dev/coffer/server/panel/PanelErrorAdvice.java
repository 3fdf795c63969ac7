package dev.coffer.server.panel;

import dev.coffer.server.system.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Pages for what a panel page cannot show. Another customer's rows are "not found", exactly like rows that do not
 * exist, so that a customer admin learns nothing about other customers.
 */
@ControllerAdvice(basePackageClasses = PanelErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PanelErrorAdvice {

    static final String VIEW = "panel/error";

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("status", 404);
        model.addAttribute("message", "This page does not exist, or it is not yours to see.");
        return VIEW;
    }
}
