/** Backup accounts: the backup service assigned to a customer's user, with credentials, notifications and quotas. */
package dev.coffer.server.backupaccount;
