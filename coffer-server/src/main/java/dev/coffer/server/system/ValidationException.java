package dev.coffer.server.system;

import java.util.List;

/** Input refused before anything was changed (HTTP 400, or messages next to the form's fields). */
public class ValidationException extends RuntimeException {

    private final List<FieldProblem> problems;

    public ValidationException(List<FieldProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure names at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** Throws when {@code problems} is not empty. */
    public static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private static String summary(List<FieldProblem> problems) {
        StringBuilder b = new StringBuilder();
        for (FieldProblem p : problems) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(p.field()).append(": ").append(p.message());
        }
        return b.toString();
    }
}
