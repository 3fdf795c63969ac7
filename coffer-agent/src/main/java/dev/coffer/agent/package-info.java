/** The command-line agent (picocli). */
package dev.coffer.agent;
