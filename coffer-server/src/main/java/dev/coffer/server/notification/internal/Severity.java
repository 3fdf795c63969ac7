package dev.coffer.server.notification.internal;

import dev.coffer.server.backupaccount.NotificationLevel;

/** How serious an event is, and which notification levels let it through (the panel's four choices). */
public enum Severity {
    INFO,
    WARNING,
    ERROR;

    /**
     * none: nothing; errors only: errors; errors and warnings: errors and warnings; all: everything.
     */
    public boolean allowedBy(NotificationLevel level) {
        return switch (level) {
            case NONE -> false;
            case ERRORS -> this == ERROR;
            case ERRORS_AND_WARNINGS -> this != INFO;
            case ALL -> true;
        };
    }
}
