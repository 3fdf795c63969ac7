package dev.coffer.server.customer;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.Inputs;

/**
 * Domain names as the provider assigns them to customers: the IDNA ASCII form (java.net.IDN, STD3 rules: letters,
 * digits and inner hyphens per label), lower case, at least two labels, each at most 63 characters, at most 253 in
 * all, no wildcard, no IP address. One spelling per domain, so that the database's uniqueness is the domain's.
 */
final class DomainNames {

    static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;
    private static final int MAX_LIST = 10_000;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern SPLIT = Pattern.compile("[,\\s]+");

    private DomainNames() {
    }

    /** The normal form of {@code domain}, or the reason it is not a domain name (to follow "example.com "). */
    static Result normalise(String domain) {
        String d = domain.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1); // the root's dot: "example.com." is "example.com"
        }
        if (d.isEmpty()) {
            return Result.problem("is not a domain name");
        }
        if (d.contains("*")) {
            return Result.problem("must be one domain, not a wildcard");
        }
        if (d.startsWith("[") || d.contains(":")) {
            return Result.problem("must be a domain name, not an IP address");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Result.problem("is not a valid domain name (only letters, digits and hyphens between dots)");
        }
        if (ascii.length() > MAX_LENGTH) {
            return Result.problem("must be at most " + MAX_LENGTH + " characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return Result.problem("must have at least two parts, such as example.com");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL || !LABEL.matcher(label).matches()) {
                return Result.problem("is not a valid domain name (each part 1 to 63 letters, digits or inner "
                        + "hyphens)");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Result.problem("must be a domain name, not an IP address");
        }
        return new Result(Optional.of(ascii), Optional.empty());
    }

    /**
     * The distinct normal forms of {@code domains} (each entry may itself list several, separated by commas or
     * white space), in their order; every refused one adds a problem on {@code field} naming it.
     */
    static List<String> parse(List<String> domains, String field, List<FieldProblem> problems) {
        Set<String> result = new LinkedHashSet<>();
        for (String entry : domains) {
            if (entry == null) {
                problems.add(new FieldProblem(field, "must not hold null"));
                continue;
            }
            int before = problems.size();
            Inputs.text(field, entry, MAX_LIST, problems);
            if (problems.size() != before) {
                continue;
            }
            for (String d : SPLIT.split(entry.strip())) {
                if (d.isEmpty()) {
                    continue;
                }
                Result r = normalise(d);
                r.domain().ifPresent(result::add);
                r.problem().ifPresent(p -> problems.add(new FieldProblem(field, shown(d) + " " + p)));
            }
        }
        return new ArrayList<>(result);
    }

    /** The domain part of an email address in normal form, or empty when {@code address} has none that is valid. */
    static Optional<String> ofAddress(String address) {
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return Optional.empty();
        }
        return normalise(a.substring(at + 1)).domain();
    }

    private static String shown(String input) {
        return input.length() > 80 ? input.substring(0, 80) + "…" : input;
    }

    /** Either a normal form or a problem. */
    record Result(Optional<String> domain, Optional<String> problem) {

        static Result problem(String message) {
            return new Result(Optional.empty(), Optional.of(message));
        }
    }
}
