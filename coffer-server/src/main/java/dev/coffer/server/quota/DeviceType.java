package dev.coffer.server.quota;

import java.util.Optional;

/**
 * The kinds of device an agent can back up; a mobile device counts after its first backup. Each type's words and
 * names are spelled here once, and everything else is derived by iterating {@link #values()}: its two quota items
 * ({@link QuotaItem}), its group in the API's JSON ({@link QuotasJson}, the usage JSON), its row in the panel's quota
 * widget and bars, and its database columns ({@code servers}, {@code servers_overage}, {@code servers_gb},
 * {@code servers_gb_overage} in {@code customer} and {@code backup_account}).
 *
 * <p>Adding a type: one constant here and one migration adding its four columns to both tables (see
 * {@code QuotaColumnsIT}, which fails until they exist). The constant's name is stored (devices, usage counters),
 * so it must never change.
 */
public enum DeviceType {
    SERVER("Servers", "server", "servers", "servers", "server"),
    VM("VMs", "VM", "VMs", "vms", "virtual machine"),
    WORKSTATION("Workstations", "workstation", "workstations", "workstations", "workstation"),
    MOBILE("Mobile devices", "mobile device", "mobile devices", "mobiles", "mobile device");

    private final String label;
    private final String singular;
    private final String plural;
    private final String key;
    private final String spelledOut;

    DeviceType(String label, String singular, String plural, String key, String spelledOut) {
        this.label = label;
        this.singular = singular;
        this.plural = plural;
        this.key = key;
        this.spelledOut = spelledOut;
    }

    /** The words the panel and the console show for this type, e.g. "Mobile devices". */
    public String label() {
        return label;
    }

    /** One device inside a sentence, e.g. "1 VM". */
    public String singular() {
        return singular;
    }

    /** The plural inside a sentence, e.g. "Backup space for mobile devices", "2 VMs". */
    public String plural() {
        return plural;
    }

    /** "1 workstation", "2 VMs". */
    public String count(long n) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** The singular without abbreviation, as an email names a device: "virtual machine". */
    public String spelledOut() {
        return spelledOut;
    }

    /**
     * The type's quota group in the API's JSON and the panel's forms, its column prefix and the protocol's name of its
     * limit, e.g. "mobiles".
     */
    public String key() {
        return key;
    }

    /** The type whose {@link #key()} is {@code key}. */
    public static Optional<DeviceType> byKey(String key) {
        for (DeviceType t : values()) {
            if (t.key.equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
