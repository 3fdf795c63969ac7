package dev.coffer.agent.core;

import java.io.Console;
import java.util.Optional;

/** The user's console, if any: whether to draw a live progress line, and where to ask for a passphrase. */
public interface Terminal {

    /** True when a person is watching a terminal that can redraw a line (not a pipe, not TERM=dumb). */
    boolean interactive();

    /** Columns available for the progress line. */
    int width();

    /** Asks for a secret without echoing it; empty when there is no console to ask on. */
    Optional<char[]> readPassword(String prompt);

    /** The real console of this process ({@link System#console()}), sized by {@code COLUMNS} when set. */
    static Terminal system(String termEnv, String columnsEnv) {
        Console console = System.console();
        return new ConsoleTerminal(console != null && !"dumb".equals(termEnv), parseWidth(columnsEnv), console);
    }

    private static int parseWidth(String columns) {
        try {
            int width = columns == null ? 80 : Integer.parseInt(columns.trim());
            return width >= 20 ? width : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
