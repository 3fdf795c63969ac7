/**
 * The Management Console of backup users: its own login (backup account credentials, not panel ones), the account's
 * settings and quota usage, and the agent download.
 */
package dev.coffer.server.console;
