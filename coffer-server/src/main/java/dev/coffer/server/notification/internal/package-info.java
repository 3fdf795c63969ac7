/** The notification feature's own parts: the outbox table, recipients, quota latches, rendering and channels. */
package dev.coffer.server.notification.internal;
