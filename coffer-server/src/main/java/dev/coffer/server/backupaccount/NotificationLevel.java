package dev.coffer.server.backupaccount;

/** Which backup notifications a backup user receives, with the words the panel shows. */
public enum NotificationLevel {
    NONE("No notifications"),
    ERRORS("Errors only"),
    ERRORS_AND_WARNINGS("Errors and warnings"),
    ALL("All notifications");

    private final String label;

    NotificationLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
