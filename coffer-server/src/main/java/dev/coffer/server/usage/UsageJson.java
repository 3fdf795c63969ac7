package dev.coffer.server.usage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.coffer.server.quota.DeviceType;

/**
 * An account's usage in the REST API: {@code storageBytes}, and per device type (under its {@link DeviceType#key()},
 * e.g. {@code servers}) its devices and storageBytes.
 */
public record UsageJson(long storageBytes, @JsonIgnore Map<String, Type> types) {

    public record Type(long devices, long storageBytes) {
    }

    public static UsageJson of(AccountUsage u) {
        Map<String, Type> types = new LinkedHashMap<>();
        for (DeviceType t : DeviceType.values()) {
            types.put(t.key(), new Type(u.of(t).devices(), u.of(t).storageBytes()));
        }
        return new UsageJson(u.storageBytes(), Collections.unmodifiableMap(types));
    }

    /** The device types, written after {@code storageBytes} in {@link DeviceType} order. */
    @JsonAnyGetter
    Map<String, Type> byType() {
        return types;
    }
}
