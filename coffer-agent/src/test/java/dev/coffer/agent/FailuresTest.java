package dev.coffer.agent;

import dev.coffer.agent.core.ExitCodes;
import dev.coffer.agent.core.AgentException;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.engine.repository.SnapshotNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void agentExceptionsKeepTheirCodeAndMessage() {
        Failure failure = Failures.classify(new AgentException(ExitCodes.WRONG_PASSPHRASE, "wrong passphrase"));

        assertThat(failure).isEqualTo(new Failure(12, "wrong passphrase"));
    }

    @Test
    void engineFailuresAreFatalWithTheirOwnMessage() {
        Failure failure = Failures.classify(new SnapshotNotFoundException("no snapshot id starts with 'ab'"));

        assertThat(failure).isEqualTo(new Failure(ExitCodes.FATAL, "no snapshot id starts with 'ab'"));
    }

    @Test
    void unexpectedFailuresPointAtVerbose() {
        Failure io = Failures.classify(new UncheckedIOException(new IOException("disk full")));
        Failure bug = Failures.classify(new NullPointerException());

        assertThat(io).isEqualTo(new Failure(ExitCodes.FATAL, "disk full (run again with --verbose for details)"));
        assertThat(bug.message()).isEqualTo("NullPointerException (run again with --verbose for details)");
    }
}
