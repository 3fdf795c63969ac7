/**
 * The panel's notification pages: the provider's outbox with the mail status and a test email, and a customer
 * admin's choice to receive copies of the users' alerts with that customer's messages.
 */
package dev.coffer.server.panel.notifications;
