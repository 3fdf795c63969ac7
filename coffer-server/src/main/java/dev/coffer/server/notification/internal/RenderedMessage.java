package dev.coffer.server.notification.internal;

/** A message ready for the outbox: subject, plain text and HTML. */
public record RenderedMessage(String subject, String text, String html) {
}
