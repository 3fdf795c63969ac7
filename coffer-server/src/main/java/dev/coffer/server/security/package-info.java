/** Who may reach which path: the security filter chains of the server. */
package dev.coffer.server.security;
