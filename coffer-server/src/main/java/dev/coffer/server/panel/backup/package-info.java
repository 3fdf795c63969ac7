/** The customer area's Backup pages: My Backup, assigning the service, a backup account's settings, credentials and removal. */
package dev.coffer.server.panel.backup;
