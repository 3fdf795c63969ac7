package dev.coffer.server.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What makes a password acceptable, for backup accounts and panel admins alike: 12 to 128 characters, at least three
 * of the four classes (lower case, upper case, digit, symbol), and not containing the login.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    // Without look-alikes (0/O, 1/l/I) so that a password read off the screen is typed right.
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!#%*+-=?@_";
    private static final int GENERATED_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordPolicy() {
    }

    /** A strong password: 16 characters with at least one upper, lower, digit and symbol each. */
    public static String generate() {
        List<Character> chars = new ArrayList<>();
        for (String set : List.of(LOWER, UPPER, DIGITS, SYMBOLS)) {
            chars.add(pick(set));
        }
        String all = LOWER + UPPER + DIGITS + SYMBOLS;
        while (chars.size() < GENERATED_LENGTH) {
            chars.add(pick(all));
        }
        Collections.shuffle(chars, RANDOM);
        StringBuilder b = new StringBuilder();
        chars.forEach(b::append);
        return b.toString();
    }

    /** Why {@code password} is refused; empty when it is acceptable. */
    public static List<String> problems(String password) {
        return problems(password, "");
    }

    /** Why {@code password} is refused for {@code login}; empty when it is acceptable. */
    public static List<String> problems(String password, String login) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("must not be empty");
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters");
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isISOControl(c)) {
                problems.add("must not contain control characters");
                break;
            }
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                symbol = true;
            }
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        if (classes < 3) {
            problems.add("must contain at least three of: lower-case letters, upper-case letters, digits, symbols");
        }
        if (login != null && login.length() >= 3
                && password.toLowerCase(Locale.ROOT).contains(login.toLowerCase(Locale.ROOT))) {
            problems.add("must not contain the login");
        }
        return problems;
    }

    private static char pick(String set) {
        return set.charAt(RANDOM.nextInt(set.length()));
    }
}
