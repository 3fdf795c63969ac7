/** The Customer Control Panel's pages: login, the provider area and the customer area with Backup, Users and API tokens. */
package dev.coffer.server.panel;
