/** The security layer's own parts: password authentication behind the login throttle. */
package dev.coffer.server.security.internal;
