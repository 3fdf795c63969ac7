package dev.coffer.server.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every API error as an RFC 9457 problem detail ({@code application/problem+json}) with an {@code errors} array of
 * {@code {field, message}} naming the fields at fault, using the JSON paths of the request body.
 */
// Ahead of the pages' advices (DataIntegrityAdvice): an API request gets a problem detail, never an HTML page.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 1)
// Only the API's controllers (selectors are OR-ed: a base package here would take in the panel's pages too).
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Object> validation(ValidationException e) {
        return problem(HttpStatus.BAD_REQUEST, "The request has invalid fields", e.problems());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), List.of());
    }

    /**
     * Backstop: a database constraint that validation did not foresee is a conflict with stored data (409), never a
     * 500. The constraint's text is logged, not sent: it would name tables and columns.
     */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ResponseEntity<Object> dataIntegrity(org.springframework.dao.DataIntegrityViolationException e) {
        org.slf4j.LoggerFactory.getLogger(ApiExceptionHandler.class)
                .warn("A request was refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        return problem(HttpStatus.CONFLICT, "The request conflicts with stored data; nothing was changed", List.of());
    }

    @ExceptionHandler(PasswordHashingBusyException.class)
    ResponseEntity<Object> busy(PasswordHashingBusyException e) {
        ResponseEntity<Object> r = problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), List.of());
        return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds())).body(r.getBody());
    }

    @ExceptionHandler(PreconditionRequiredException.class)
    ResponseEntity<Object> preconditionRequired(PreconditionRequiredException e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, e.getMessage(),
                List.of(new FieldProblem("version", e.getMessage())));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badPathVariable(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed request",
                List.of(new FieldProblem(e.getName(), "must be a number")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "The request body is not acceptable JSON", List.of(unreadable(e)));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        // Framework errors (wrong method, media type, ...) keep Spring's problem detail but get the errors array too.
        if (body instanceof ProblemDetail pd && (pd.getProperties() == null || !pd.getProperties().containsKey("errors"))) {
            pd.setProperty("errors", List.of());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    static FieldProblem unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof StrictText.InvalidTextException t) {
            return new FieldProblem(path(t), "is not valid Unicode text (it holds a lone surrogate)");
        }
        if (cause instanceof StreamReadException s && s.getMessage() != null
                && s.getMessage().startsWith("Duplicate Object property")) {
            return new FieldProblem(duplicateName(s), "is given twice");
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return new FieldProblem(path(u), "is not a known field");
        }
        if (cause instanceof InvalidFormatException f) {
            return new FieldProblem(path(f), "has the wrong type or value: expected "
                    + describe(f.getTargetType()));
        }
        if (cause instanceof MismatchedInputException m && m.getTargetType() != null && !m.getPath().isEmpty()) {
            return new FieldProblem(path(m), "has the wrong type: expected " + describe(m.getTargetType()));
        }
        if (cause instanceof StreamReadException s && !s.getPath().isEmpty()) {
            return new FieldProblem(path(s), "is out of range or malformed");
        }
        if (cause instanceof JacksonException j && !j.getPath().isEmpty()) {
            return new FieldProblem(path(j), "is not acceptable");
        }
        return new FieldProblem("body", cause instanceof JacksonException
                ? "is not well-formed JSON" : "is missing or not readable");
    }

    private static String duplicateName(StreamReadException e) {
        // Jackson's message: Duplicate Object property "name"
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(e.getMessage());
        String name = m.find() ? m.group(1) : "body";
        String parent = path(e);
        return parent.equals("body") ? name : parent + "." + name;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class) {
            return "a string";
        }
        return "an object";
    }

    private static String path(JacksonException e) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "body" : b.toString();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldProblem> errors) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setProperty("errors", errors.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(pd);
    }
}
