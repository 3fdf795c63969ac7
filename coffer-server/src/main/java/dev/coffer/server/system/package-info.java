/** Cross-cutting server set-up: security, start-up tasks, health. */
package dev.coffer.server.system;
