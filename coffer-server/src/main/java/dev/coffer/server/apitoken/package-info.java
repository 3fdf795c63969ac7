/** API tokens: secrets an admin creates for scripts and billing systems, stored only as SHA-256 hashes. */
package dev.coffer.server.apitoken;
