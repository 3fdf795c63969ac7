package dev.coffer.server.panel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of one submitted form, by field, in the order found; templates show each next to its field
 * ({@link #of}) and all of them in a summary at the top ({@link #summary}). Fields use the form's own paths
 * (e.g. {@code quotas.servers.devices.value}); problems that belong to no field of the form use {@link #GENERAL}.
 */
public final class FormErrors {

    /** The key of problems that belong to no single field; shown only in the summary. */
    public static final String GENERAL = "";

    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    /** An empty set of problems (the state of a form shown for the first time). */
    public static FormErrors none() {
        return new FormErrors();
    }

    /** Records a problem of a field; the label names the field in the summary. */
    public FormErrors add(String field, String label, String message) {
        byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        if (label != null && !label.isBlank()) {
            labels.putIfAbsent(field, label);
        }
        return this;
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public List<String> of(String field) {
        return Collections.unmodifiableList(byField.getOrDefault(field, List.of()));
    }

    /** Every problem as one line that names its field, e.g. "Storage: must be at most 38 GB ...". */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        byField.forEach((field, messages) -> {
            String label = labels.get(field);
            for (String message : messages) {
                lines.add(label == null || message.startsWith(label) ? message : label + ": " + message);
            }
        });
        return lines;
    }
}
