/** The panel's API tokens page, for provider and customer admins alike. */
package dev.coffer.server.panel.tokens;
