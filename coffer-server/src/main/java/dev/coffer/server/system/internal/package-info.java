/** The security layer's own parts: throttled password authentication and the API's 401/403/429 answers. */
package dev.coffer.server.system.internal;
