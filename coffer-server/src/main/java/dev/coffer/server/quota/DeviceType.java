package dev.coffer.server.quota;

/** The kinds of device an agent can back up; a mobile device counts after its first backup. */
public enum DeviceType {
    SERVER,
    VM,
    WORKSTATION,
    MOBILE
}
