/** Who is who: panel admins and their principals and roles, the password policy and hashing, the login throttle, tenancy (which customer an admin may touch) and the first provider admin. */
package dev.coffer.server.identity;
