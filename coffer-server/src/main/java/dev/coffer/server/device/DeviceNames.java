package dev.coffer.server.device;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.system.FieldProblem;

/** Input rules of devices: names, types and schedules, each refusal naming its field. */
final class DeviceNames {

    static final int MAX_NAME = 64;

    private DeviceNames() {
    }

    static void name(String field, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "must not be empty"));
        } else if (value.codePointCount(0, value.length()) > MAX_NAME) {
            problems.add(new FieldProblem(field, "must be at most " + MAX_NAME + " characters"));
        } else if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || isBidiControl(c)
                || Character.getType(c) == Character.FORMAT && c != 0x200D)) {
            problems.add(new FieldProblem(field, "must not contain control, format or bidi-override characters"));
        }
    }

    static Optional<DeviceType> type(String field, String value, List<FieldProblem> problems) {
        if (value != null) {
            for (DeviceType t : DeviceType.values()) {
                if (t.name().equalsIgnoreCase(value.strip())) {
                    return Optional.of(t);
                }
            }
        }
        problems.add(new FieldProblem(field, "must be one of " + String.join(", ",
                java.util.Arrays.stream(DeviceType.values()).map(DeviceType::name).toList())));
        return Optional.empty();
    }

    /** A daily time "HH:MM" (24 h), normalized to two digits each. */
    static Optional<String> daily(String field, String value, List<FieldProblem> problems) {
        if (value != null && value.matches("([01]?[0-9]|2[0-3]):[0-5][0-9]")) {
            String[] p = value.split(":");
            return Optional.of(String.format(Locale.ROOT, "%02d:%s", Integer.parseInt(p[0]), p[1]));
        }
        problems.add(new FieldProblem(field, "must be a time of day as HH:MM, such as 03:30"));
        return Optional.empty();
    }

    /** How the quota messages name a number of devices of a type: "1 workstation", "2 VMs". */
    static String count(long n, DeviceType type) {
        return type.count(n);
    }

    private static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C;
    }
}
