package dev.coffer.server.system;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of free-text input shared by every feature; each adds a {@link FieldProblem} naming the field. */
public final class Inputs {

    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MIN_LOGIN = 3;
    public static final int MAX_LOGIN = 254;

    // Deliberately loose: one @, something on each side, a dot in the domain, no spaces. Mail delivery is the test.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Inputs() {
    }

    /** A required single-line text of at most {@code max} characters. */
    public static void text(String field, String value, int max, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "must not be empty"));
        } else if (value.length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem(field, "must not contain control characters or line breaks"));
        } else {
            disguising(value).ifPresent(cp -> problems.add(new FieldProblem(field, String.format(
                    "must not contain invisible, non-breaking or direction-changing characters (U+%04X)", cp))));
        }
    }

    public static void email(String field, String value, List<FieldProblem> problems) {
        int before = problems.size();
        text(field, value, MAX_EMAIL, problems);
        if (problems.size() == before && !EMAIL.matcher(value.strip()).matches()) {
            problems.add(new FieldProblem(field, "must be an email address such as name@example.com"));
        }
    }

    /** A login: 3..254 characters without spaces, also at most 254 once in lower case ({@link #loginKey}). */
    public static void login(String field, String value, List<FieldProblem> problems) {
        int before = problems.size();
        text(field, value, MAX_LOGIN, problems);
        if (problems.size() != before) {
            return;
        }
        if (value.strip().length() < MIN_LOGIN) {
            problems.add(new FieldProblem(field, "must be at least " + MIN_LOGIN + " characters"));
        } else if (loginKey(value).length() > MAX_LOGIN) {
            // Logins are compared in lower case, which can be longer (U+0130 becomes two characters): the stored
            // key must fit its column too.
            problems.add(new FieldProblem(field, "must be at most " + MAX_LOGIN + " characters in lower case"));
        } else if (value.strip().chars().anyMatch(Character::isWhitespace)) {
            problems.add(new FieldProblem(field, "must not contain spaces"));
        }
    }

    /**
     * The first character that could disguise text on screen: a lone surrogate, a non-breaking or other non-ASCII
     * space, or an invisible format character (bidi overrides and isolates U+202A..U+202E, U+2066..U+2069, marks,
     * zero-width characters).
     */
    static java.util.OptionalInt disguising(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.SURROGATE || type == Character.FORMAT
                    || (cp != ' ' && (Character.isSpaceChar(cp) || Character.isWhitespace(cp)))) {
                return java.util.OptionalInt.of(cp);
            }
            i += Character.charCount(cp);
        }
        return java.util.OptionalInt.empty();
    }

    /** The form in which logins are compared: unique regardless of case. */
    public static String loginKey(String login) {
        return login.strip().toLowerCase(Locale.ROOT);
    }
}
