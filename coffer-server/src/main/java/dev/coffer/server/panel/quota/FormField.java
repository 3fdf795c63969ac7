package dev.coffer.server.panel.quota;

import java.util.List;
import java.util.Map;

import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ValidationException;

/** A field of a panel form: its path in the form and the words that name it on screen. */
public record FormField(String path, String label) {

    /**
     * Puts each problem the services reported (with the API's field paths) next to the form's field: fields named
     * in {@code labels} keep their path, quota fields go to the quota widget under {@code quotaPrefix}, and the rest
     * go to the summary.
     */
    public static FormErrors place(ValidationException e, Map<String, String> labels, String quotaPrefix, FormErrors errors) {
        List<FieldProblem> problems = e.problems();
        for (FieldProblem p : problems) {
            FormField f = labels.containsKey(p.field())
                    ? new FormField(p.field(), labels.get(p.field()))
                    : QuotaForm.field(quotaPrefix, p.field()).orElse(new FormField(FormErrors.GENERAL, p.field()));
            errors.add(f.path(), f.label(), p.message());
        }
        return errors;
    }
}
