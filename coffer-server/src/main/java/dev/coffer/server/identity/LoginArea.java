package dev.coffer.server.identity;

/**
 * The login forms whose failures the {@link LoginThrottle} counts apart: a success in one area clears only that
 * area's failures, so that a login in the Management Console cannot reset the panel's count for the same name.
 * The panel's form and the API's HTTP Basic take the same credentials (panel admins), so they are one area.
 */
public enum LoginArea {
    /** Panel admins: the panel's login form and HTTP Basic on the API. */
    PANEL,
    /** Backup accounts: the Management Console's login form. */
    CONSOLE,
    /** Agents registering a device with a backup account's password. */
    AGENT
}
