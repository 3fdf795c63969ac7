package dev.coffer.server.quota;

import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The OpenAPI document's view of JSON objects that hold one group per {@link DeviceType} ({@link QuotasJson}, the
 * usage JSON): they write those groups from a map (an any-getter), which the schema generator cannot see, so this
 * adds one property per type, named by its {@link DeviceType#key()}, after the object's own properties.
 */
public final class DeviceTypeSchemas {

    private DeviceTypeSchemas() {
    }

    /**
     * Adds to the component schema {@code schemaName} a property per device type whose schema is {@code groupType}'s;
     * does nothing when the document has no such schema (no operation uses it).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void addDeviceGroups(OpenAPI api, String schemaName, Class<?> groupType) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Schema target = schemas.get(schemaName);
        if (target == null) {
            return;
        }
        ResolvedSchema group = ModelConverters.getInstance(api.getSpecVersion() == SpecVersion.V31)
                .readAllAsResolvedSchema(groupType);
        schemas.putIfAbsent(group.schema.getName(), group.schema);
        if (group.referencedSchemas != null) {
            group.referencedSchemas.forEach(schemas::putIfAbsent);
        }
        for (DeviceType t : DeviceType.values()) {
            target.addProperty(t.key(), new Schema<>().$ref("#/components/schemas/" + group.schema.getName()));
        }
    }
}
