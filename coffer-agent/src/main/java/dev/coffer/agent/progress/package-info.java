/** How the agent shows the progress of a backup or restore: a redrawn bar on a terminal, plain lines otherwise. */
package dev.coffer.agent.progress;
