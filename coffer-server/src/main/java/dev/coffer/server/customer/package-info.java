/**
 * Customers of the provider, their domains (where their backup logins live), their quotas and first admin, and the
 * users to whom they give the backup service.
 */
package dev.coffer.server.customer;
