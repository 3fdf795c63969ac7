package dev.coffer.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphrasesTest {

    @TempDir
    Path dir;

    private static Passphrases passphrases(Map<String, String> env, String... typed) {
        Terminal terminal = new ScriptedTerminal(true, new ArrayDeque<>(List.of(typed)));
        return new Passphrases(new AgentEnvironment(env, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), terminal, System::nanoTime));
    }

    @Test
    void passwordFileWinsAndOnlyItsFirstLineCounts() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret wörds\r\nsecond line\n");

        char[] passphrase = passphrases(Map.of("COFFER_PASSWORD", "from-env")).existing(Optional.of(file));

        assertThat(new String(passphrase)).isEqualTo("s3cret wörds");
    }

    @Test
    void environmentVariableIsUsedWithoutPrompting() {
        assertThat(new String(passphrases(Map.of("COFFER_PASSWORD", "from-env")).existing(Optional.empty())))
                .isEqualTo("from-env");
    }

    @Test
    void promptsOnceForAnExistingRepository() {
        assertThat(new String(passphrases(Map.of(), "typed").existing(Optional.empty()))).isEqualTo("typed");
    }

    @Test
    void newRepositoryPassphraseIsAskedTwiceAndMustMatch() {
        assertThat(new String(passphrases(Map.of(), "abc", "abc").forNewRepository(Optional.empty())))
                .isEqualTo("abc");
        assertThatThrownBy(() -> passphrases(Map.of(), "abc", "abd").forNewRepository(Optional.empty()))
                .isInstanceOf(AgentException.class)
                .hasMessageContaining("do not match");
    }

    @Test
    void withoutAnySourceTheMessageSaysWhereAPassphraseCanComeFrom() {
        assertThatThrownBy(() -> passphrases(Map.of()).existing(Optional.empty()))
                .isInstanceOf(AgentException.class)
                .hasMessageContaining("COFFER_PASSWORD")
                .hasMessageContaining("--password-file");
    }

    @Test
    void emptyPassphraseIsRefused() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> passphrases(Map.of()).existing(Optional.of(empty)))
                .hasMessageContaining("empty passphrase");
        assertThatThrownBy(() -> passphrases(Map.of(), "").existing(Optional.empty()))
                .hasMessageContaining("empty passphrase");
    }

    @Test
    void missingPasswordFileNamesTheFile() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> passphrases(Map.of()).existing(Optional.of(missing)))
                .isInstanceOf(AgentException.class)
                .hasMessageContaining("--password-file")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void newPassphraseComesFromItsOwnVariable() {
        assertThat(new String(passphrases(Map.of("COFFER_PASSWORD", "old", "COFFER_NEW_PASSWORD", "new"))
                .newPassphrase(Optional.empty()))).isEqualTo("new");
    }
}
