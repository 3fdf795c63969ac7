/** The customer area's Users page: a customer's users, added, edited and deleted. */
package dev.coffer.server.panel.users;
