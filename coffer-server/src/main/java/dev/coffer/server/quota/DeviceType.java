package dev.coffer.server.quota;

/**
 * The kinds of device an agent can back up; a mobile device counts after its first backup. Each type's words and
 * names are spelled here once: the panel's label ("Servers"), the plural inside a sentence ("Backup space for
 * servers"), and the key of its quota in the API's JSON, the panel's forms and the database columns ({@code servers},
 * {@code servers_gb}).
 */
public enum DeviceType {
    SERVER("Servers", "servers", "servers"),
    VM("VMs", "VMs", "vms"),
    WORKSTATION("Workstations", "workstations", "workstations"),
    MOBILE("Mobile devices", "mobile devices", "mobiles");

    private final String label;
    private final String plural;
    private final String key;

    DeviceType(String label, String plural, String key) {
        this.label = label;
        this.plural = plural;
        this.key = key;
    }

    /** The words the panel and the console show for this type, e.g. "Mobile devices". */
    public String label() {
        return label;
    }

    /** The plural inside a sentence, e.g. "Backup space for mobile devices". */
    public String plural() {
        return plural;
    }

    /** The type's quota group in the API's JSON and the panel's forms, and its column prefix, e.g. "mobiles". */
    public String key() {
        return key;
    }
}
