package dev.coffer.server.notification.internal;

/** How a message leaves the server. */
public enum Channel {
    MAIL,
    WEBHOOK
}
