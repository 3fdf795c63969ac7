package dev.coffer.server.system;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers for requests that no controller's own advice covers, the last advice asked.
 *
 * <ul>
 *   <li>Under {@code /api/}: an unknown path (404), a method the path does not take (405, with Allow) or a body type
 *       it does not read (415) is a problem detail, like every other API answer. Elsewhere the exception goes on to
 *       Spring's default handling and the HTML error page.</li>
 *   <li>A page's form whose fields do not bind (a hidden {@code version=abc}, a number in a text field made by
 *       hand) shows the error page with 400, not a JSON body. API controllers are answered by
 *       {@link ApiExceptionHandler} first.</li>
 * </ul>
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackProblems {

    static final String API = "/api/";

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> unknownPath(NoResourceFoundException e, HttpServletRequest request) throws Exception {
        return api(request, e, HttpStatus.NOT_FOUND, "No such API path: " + request.getRequestURI(), new HttpHeaders());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> wrongMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
            throws Exception {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return api(request, e, HttpStatus.METHOD_NOT_ALLOWED, "This path does not take " + e.getMethod(), headers);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> wrongMediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
            throws Exception {
        return api(request, e, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json",
                new HttpHeaders());
    }

    @ExceptionHandler({MethodArgumentNotValidException.class, org.springframework.validation.BindException.class,
            MethodArgumentTypeMismatchException.class})
    ModelAndView badForm(Exception e, Model model) {
        ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        page.addObject("status", 400);
        return page;
    }

    /** A page's request that conflicts with the stored state (changed by someone else meanwhile): 409 page. */
    @ExceptionHandler({ConflictException.class, PreconditionRequiredException.class})
    ModelAndView conflict(RuntimeException e) {
        ModelAndView page = new ModelAndView("error", HttpStatus.CONFLICT);
        page.addObject("status", 409);
        return page;
    }

    /** Input refused by a service that a page did not show next to its fields: 400 page, nothing changed. */
    @ExceptionHandler(ValidationException.class)
    ModelAndView invalid(ValidationException e) {
        ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        page.addObject("status", 400);
        return page;
    }

    private static ResponseEntity<Object> api(HttpServletRequest request, Exception e, HttpStatus status,
                                              String detail, HttpHeaders headers) throws Exception {
        if (!request.getRequestURI().startsWith(API)) {
            throw e;   // the same exception: Spring's default handling (the HTML error page) takes it
        }
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setProperty("errors", List.<Map<String, String>>of());
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(pd);
    }
}
