package dev.coffer.agent.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of device a backup account counts separately, as the protocol and the panel name them. */
public enum DeviceType {
    SERVER, VM, WORKSTATION, MOBILE;

    /** {@code text} in any case; an {@link IllegalArgumentException} listing the choices otherwise. */
    public static DeviceType parse(String text) {
        for (DeviceType type : values()) {
            if (type.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown device type '" + text + "': use one of "
                + Arrays.stream(values()).map(DeviceType::label).collect(Collectors.joining(", ")));
    }

    /** The name users type and read: {@code server}, {@code vm}, {@code workstation}, {@code mobile}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
