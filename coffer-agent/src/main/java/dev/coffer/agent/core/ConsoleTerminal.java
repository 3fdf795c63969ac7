package dev.coffer.agent.core;

import java.io.Console;
import java.util.Optional;

/** A {@link Terminal} over the JDK's console; without one (a pipe, a service) there is nobody to ask. */
final class ConsoleTerminal implements Terminal {

    private final boolean interactive;
    private final int width;
    /** Null when the process has no console. */
    private final Console console;

    ConsoleTerminal(boolean interactive, int width, Console console) {
        this.interactive = interactive;
        this.width = width;
        this.console = console;
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public Optional<char[]> readPassword(String prompt) {
        return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
    }
}
