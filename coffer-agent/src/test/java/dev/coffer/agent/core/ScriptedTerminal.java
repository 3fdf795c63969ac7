package dev.coffer.agent.core;

import java.util.Deque;
import java.util.Optional;

/** A terminal whose user types the given answers, in order, at the passphrase prompts (each answer once). */
public final class ScriptedTerminal implements Terminal {

    private final Deque<String> answers;
    private final boolean interactive;

    public ScriptedTerminal(boolean interactive, Deque<String> answers) {
        this.interactive = interactive;
        this.answers = answers;
    }

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public int width() {
        return 100;
    }

    @Override
    public Optional<char[]> readPassword(String prompt) {
        String answer = answers.poll();
        return answer == null ? Optional.empty() : Optional.of(answer.toCharArray());
    }
}
