/** The provider area of the panel: list, create and edit customers. */
package dev.coffer.server.panel.customers;
