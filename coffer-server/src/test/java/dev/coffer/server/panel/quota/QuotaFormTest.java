package dev.coffer.server.panel.quota;

import dev.coffer.server.panel.FormErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ValidationException;
import org.junit.jupiter.api.Test;

/** The quota widget's fields turn into exactly the quotas the admin entered, and problems land on the right field. */
class QuotaFormTest {

    @Test
    void everyKindOfLimitSurvivesTheForm() {
        Quotas quotas = Quotas.unlimited()
                .with(QuotaItem.STORAGE, Limit.of(50))
                .with(QuotaItem.devices(DeviceType.SERVER), Limit.of(3, 1))
                .with(QuotaItem.space(DeviceType.VM), Limit.soft(200))
                .with(QuotaItem.devices(DeviceType.MOBILE), Limit.of(0));
        FormErrors errors = FormErrors.none();

        assertThat(QuotaForm.of(quotas).toQuotas("quotas", errors)).contains(quotas);
        assertThat(errors.any()).isFalse();
    }

    @Test
    void unlimitedTickBoxWinsOverANumber() {
        QuotaForm form = QuotaForm.of(Quotas.unlimited());
        form.getTypes().get("workstations").getStorage().setValue("999");

        assertThat(form.toQuotas("quotas", FormErrors.none()).orElseThrow().of(DeviceType.WORKSTATION).storageGb().isUnlimited())
                .isTrue();
    }

    @Test
    void textOrNothingWhereANumberBelongsIsNamedByItsField() {
        QuotaForm form = QuotaForm.of(Quotas.unlimited());
        form.getStorage().setUnlimited(false);
        form.getStorage().setValue("12,5");
        form.getTypes().get("servers").getDevices().setUnlimited(false);
        form.getTypes().get("servers").getDevices().setValue(" ");
        form.getTypes().get("vms").getStorage().setOverage("lots");
        FormErrors errors = FormErrors.none();

        assertThat(form.toQuotas("quotas", errors)).isEmpty();
        assertThat(errors.of("quotas.storage.value")).containsExactly("must be a whole number, not \"12,5\"");
        assertThat(errors.of("quotas.types[servers].devices.value")).containsExactly("enter a number, or tick Unlimited");
        assertThat(errors.of("quotas.types[vms].storage.overage")).hasSize(1);
        assertThat(errors.summary()).contains("Storage: must be a whole number, not \"12,5\"",
                "Backup space for VMs overage: must be a whole number, not \"lots\"");
    }

    @Test
    void servicesProblemsGoNextToTheirWidgets() {
        ValidationException e = new ValidationException(List.of(
                new FieldProblem("quotas.servers.storageGbOverage", "too large"),
                new FieldProblem("quotas.storage.limitGb", "exceeds what is left"),
                new FieldProblem("login", "is taken"),
                new FieldProblem("somethingElse", "odd")));

        FormErrors errors = FormField.place(e, Map.of("login", "Login"), "quotas", FormErrors.none());

        assertThat(errors.of("quotas.types[servers].storage.overage")).containsExactly("too large");
        assertThat(errors.of("quotas.storage.value")).containsExactly("exceeds what is left");
        assertThat(errors.of("login")).containsExactly("is taken");
        assertThat(errors.of(FormErrors.GENERAL)).containsExactly("odd");
        assertThat(errors.summary()).contains("Login: is taken", "somethingElse: odd");
    }

    @Test
    void hintsSayWhatIsLeftOfTheCustomersQuota() {
        Quotas customer = Quotas.unlimited().with(QuotaItem.STORAGE, Limit.of(50)).with(QuotaItem.devices(DeviceType.SERVER), Limit.of(10));
        Quotas remaining = customer.with(QuotaItem.STORAGE, new Limit(OptionalLong.of(12), OptionalLong.of(0)));

        Map<String, String> hints = QuotaHints.left("quotas", customer, remaining);

        assertThat(hints).containsEntry("quotas.storage", "12 of 50 GB left")
                .containsEntry("quotas.types[servers].devices", "10 of 10 devices left")
                .containsEntry("quotas.types[vms].storage", "Your quota: Unlimited");
    }
}
