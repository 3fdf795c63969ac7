package dev.coffer.server.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coffer.server.customer.CustomerUsage;
import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.panel.quota.QuotaForm;
import dev.coffer.server.panel.quota.QuotaFormHolder;
import dev.coffer.server.panel.quota.UsageBar;
import dev.coffer.server.usage.AccountUsage;
import dev.coffer.server.usage.UsageJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.validation.DataBinder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A device type is one {@link DeviceType} constant: everything that names the types (the API's JSON, the quota
 * items, the panel's form and bars, the usage JSON) is derived from {@link DeviceType#values()}. Each test goes over
 * every type with a distinct limit per item, so a type that some part leaves out, or two parts that mix up their
 * limits, fail here. The API's JSON shape is spelled out literally: it must not change.
 */
class DeviceTypeWiringTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Every item limited, each to its own value (10, 11, ...) and overage (0, 1, ...). */
    private static Quotas distinct() {
        Map<QuotaItem, Limit> m = new LinkedHashMap<>();
        int i = 0;
        for (QuotaItem item : QuotaItem.values()) {
            m.put(item, Limit.of(10 + i, i));
            i++;
        }
        return Quotas.of(m);
    }

    @Test
    void theApiJsonKeepsItsShape() {
        JsonNode json = JSON.valueToTree(QuotasJson.from(Quotas.unlimited()));

        assertThat(names(json)).containsExactly("storage", "servers", "vms", "workstations", "mobiles");
        assertThat(names(json.path("storage"))).containsExactly("limitGb", "overageGb");
        for (DeviceType t : DeviceType.values()) {
            assertThat(names(json.path(t.key()))).as(t.key())
                    .containsExactly("devices", "devicesOverage", "storageGb", "storageGbOverage");
        }
        assertThat(json.path("vms").path("devices").isNull()).isTrue();
        assertThat(json.path("vms").path("devicesOverage").asLong()).isZero();
    }

    @Test
    void everyItemHasItsOwnFieldInTheApiJsonBothWays() {
        Quotas quotas = distinct();
        JsonNode json = JSON.valueToTree(QuotasJson.from(quotas));

        assertThat(QuotaItem.values()).hasSize(1 + 2 * DeviceType.values().length);
        for (QuotaItem item : QuotaItem.values()) {
            JsonNode group = json.path(item.group());
            assertThat(group.path(item.valueName()).asLong()).as(item.valueField())
                    .isEqualTo(quotas.get(item).value().getAsLong());
            assertThat(group.path(item.overageName()).asLong()).as(item.overageField())
                    .isEqualTo(quotas.get(item).overage().getAsLong());
        }
        assertThat(JSON.treeToValue(json, QuotasJson.class).toQuotas()).isEqualTo(quotas);
    }

    @Test
    void aChangeNamingOneTypeKeepsTheOthers() {
        Quotas current = distinct();
        for (DeviceType t : DeviceType.values()) {
            QuotasJson change = JSON.readValue("{\"" + t.key() + "\":{\"devices\":null}}", QuotasJson.class);

            assertThat(change.toQuotas(current)).as(t.key())
                    .isEqualTo(current.with(QuotaItem.devices(t), new Limit(java.util.OptionalLong.empty(),
                            current.get(QuotaItem.devices(t)).overage())));
            assertThat(JSON.readValue("{\"" + t.key() + "\":null}", QuotasJson.class).nullGroups())
                    .containsExactly(t.key());
        }
    }

    @Test
    void anUnknownGroupIsRefusedWithItsName() {
        assertThatThrownBy(() -> JSON.readValue("{\"routers\":{\"devices\":1}}", QuotasJson.class))
                .isInstanceOfSatisfying(UnrecognizedPropertyException.class, e -> {
                    assertThat(e.getPropertyName()).isEqualTo("routers");
                    assertThat(e.getPath()).extracting(r -> r.getPropertyName()).containsExactly("routers");
                });
        assertThatThrownBy(() -> JSON.readValue("{\"servers\":{\"devices\":\"lots\"}}", QuotasJson.class))
                .isInstanceOfSatisfying(MismatchedInputException.class, e -> assertThat(e.getPath())
                        .extracting(r -> r.getPropertyName()).containsExactly("servers", "devices"));
    }

    /** The request parameters the panel's quota widget posts, bound the way Spring MVC binds them. */
    @Test
    void everyItemHasItsOwnFieldInThePanelForm() {
        Quotas quotas = distinct();
        MutablePropertyValues posted = new MutablePropertyValues();
        for (QuotaItem item : QuotaItem.values()) {
            String path = "quotas." + QuotaForm.path(item);
            posted.add(path + ".unlimited", "false");
            posted.add(path + ".value", Long.toString(quotas.get(item).value().getAsLong()));
            posted.add(path + ".overageUnlimited", "false");
            posted.add(path + ".overage", Long.toString(quotas.get(item).overage().getAsLong()));
        }
        QuotaFormHolder form = new QuotaFormHolder() {
        };
        DataBinder binder = new DataBinder(form, "form");
        binder.bind(posted);
        assertThat(binder.getBindingResult().hasErrors()).as(binder.getBindingResult().toString()).isFalse();

        FormErrors errors = FormErrors.none();
        assertThat(form.getQuotas().toQuotas("quotas", errors)).contains(quotas);
        assertThat(errors.any()).isFalse();
        assertThat(QuotaForm.DEVICE_KINDS).extracting(QuotaForm.DeviceKind::property)
                .containsExactlyElementsOf(keys());
        assertThat(QuotaForm.of(quotas).getTypes()).containsOnlyKeys(keys());
    }

    @Test
    void everyItemHasItsBarInThePanel() {
        Quotas quotas = distinct();
        List<UsageBar.Labelled> bars = UsageBar.allocations(quotas, quotas, new CustomerUsage(1, "c", 0, 0, 0, 0),
                dev.coffer.server.usage.AccountUsage.sum(List.of()), 1_000_000_000L);

        List<String> labels = new ArrayList<>();
        labels.add("Storage");
        for (DeviceType t : DeviceType.values()) {
            labels.add(t.label());
            labels.add("Backup space for " + t.plural());
        }
        assertThat(bars).extracting(UsageBar.Labelled::label).containsExactlyElementsOf(labels);
        for (int i = 0; i < bars.size(); i++) {
            QuotaItem item = QuotaItem.values().get(i);
            long limit = quotas.get(item).value().getAsLong();
            assertThat(bars.get(i).bar().text()).as(item.name()).contains("of " + limit + " " + item.unit());
        }
    }

    @Test
    void theUsageJsonHasEveryType() {
        Map<DeviceType, AccountUsage.TypeUsage> types = new EnumMap<>(DeviceType.class);
        int i = 1;
        for (DeviceType t : DeviceType.values()) {
            types.put(t, new AccountUsage.TypeUsage(i, 1000L * i));
            i++;
        }
        JsonNode json = JSON.valueToTree(UsageJson.of(new AccountUsage(5, types)));

        assertThat(names(json)).containsExactly("storageBytes", "servers", "vms", "workstations", "mobiles");
        for (DeviceType t : DeviceType.values()) {
            assertThat(json.path(t.key()).path("devices").asLong()).isEqualTo(types.get(t).devices());
            assertThat(json.path(t.key()).path("storageBytes").asLong()).isEqualTo(types.get(t).storageBytes());
        }
    }

    @Test
    void everyTypeHasItsWordsAndAUniqueKey() {
        assertThat(keys()).doesNotHaveDuplicates();
        for (DeviceType t : DeviceType.values()) {
            assertThat(DeviceType.byKey(t.key())).contains(t);
            assertThat(List.of(t.label(), t.singular(), t.plural(), t.spelledOut())).as(t.name())
                    .allSatisfy(w -> assertThat(w).isNotBlank());
            assertThat(t.count(1)).isEqualTo("1 " + t.singular());
            assertThat(t.count(2)).isEqualTo("2 " + t.plural());
        }
        assertThat(DeviceType.VM.count(2)).isEqualTo("2 VMs");
        assertThat(QuotaItem.space(DeviceType.MOBILE).label()).isEqualTo("Backup space for mobile devices");
        assertThat(QuotaItem.space(DeviceType.MOBILE).name()).isEqualTo("MOBILES_STORAGE");
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (DeviceType t : DeviceType.values()) {
            keys.add(t.key());
        }
        return keys;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
