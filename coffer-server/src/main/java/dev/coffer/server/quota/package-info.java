/** Quotas: storage and device limits with their overage, shared by customers and backup accounts. */
package dev.coffer.server.quota;
