/** The Retention card of a backup account's Manage page: the panel's form for the account's retention policy. */
package dev.coffer.server.panel.retention;
