package dev.coffer.server.agentapi;

import java.util.List;
import java.util.Map;

import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.server.device.AgentProblem;
import dev.coffer.server.device.AgentProblemException;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The agent endpoints' errors as the protocol's problem details ({@code type = https://coffer.dev/problems/...}).
 * Ordered before the REST API's handler, and limited to this package's controllers.
 */
@RestControllerAdvice(basePackageClasses = AgentExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AgentExceptionHandler {

    @ExceptionHandler(AgentProblemException.class)
    ResponseEntity<Object> problem(AgentProblemException e, HttpServletRequest request) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.problem() == AgentProblem.THROTTLED && e.extensions().get("retryAfterSeconds") != null) {
            b.header("Retry-After", e.extensions().get("retryAfterSeconds").toString());
        }
        return b.body(AgentProblem.body(e, request.getRequestURI(), List.of()));
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Object> validation(ValidationException e, HttpServletRequest request) {
        return fields(e.problems(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return fields(List.of(new FieldProblem("body", "is not acceptable JSON for this request")), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return fields(List.of(new FieldProblem("Content-Type", "must be application/json")), request);
    }

    @ExceptionHandler({NotFoundException.class, ObjectNotFoundException.class})
    ResponseEntity<Object> notFound(RuntimeException e, HttpServletRequest request) {
        return problem(AgentProblem.NOT_FOUND.exception(e instanceof ObjectNotFoundException
                ? "no such object" : e.getMessage()), request);
    }

    private ResponseEntity<Object> fields(List<FieldProblem> problems, HttpServletRequest request) {
        String detail = problems.stream().map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        AgentProblemException e = new AgentProblemException(AgentProblem.VALIDATION, 400, detail,
                Map.of("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message()))
                        .toList()));
        return problem(e, request);
    }
}
