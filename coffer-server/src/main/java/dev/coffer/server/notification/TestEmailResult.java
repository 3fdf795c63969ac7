package dev.coffer.server.notification;

/** What happened to a test email: delivered or not, and the SMTP server's answer (or the error). */
public record TestEmailResult(boolean delivered, String answer) {
}
