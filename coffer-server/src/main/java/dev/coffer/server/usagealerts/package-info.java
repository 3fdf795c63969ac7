/**
 * Turns the usage ledger's changes into quota alerts: after every change of an account's counters it publishes the
 * changed limits' {@link dev.coffer.server.notification.UsageChanged} for the account and for its customer, in the
 * transaction of the change. Its own package, so that the ledger (which the customer feature reads) does not depend
 * on the notifications (which read the customers).
 */
package dev.coffer.server.usagealerts;
