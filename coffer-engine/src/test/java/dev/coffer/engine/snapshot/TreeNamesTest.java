package dev.coffer.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coffer.engine.json.Json;
import dev.coffer.engine.repository.CorruptDataException;
import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.store.memory.MemoryStore;
import dev.coffer.engine.testing.HostileTrees;

/** A tree may only name entries of its own directory, once each: refused when a tree is built and when one is read. */
class TreeNamesTest {

    private static Node file(String name) {
        return new Node(name, NodeType.FILE, 0, 0644, Instant.EPOCH, Instant.EPOCH, "", "", 0, 0, 0, 0, 1, "", List.of(), "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/", "nul\u0000"})
    void aNodeRefusesEveryNameThatIsNotOneEntryOfADirectory(String name) {
        assertThatThrownBy(() -> file(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("entry \"" + name.replace("\u0000", "\\u0000") + "\" is refused");
    }

    @Test
    void namesThatLookOddButAreOneEntryAreKept() {
        for (String name : List.of("...", ".hidden", "a\\b", "Ünïcödé ✓", " ", "-")) {
            assertThat(file(name).name()).isEqualTo(name);
        }
    }

    @Test
    void aTreeRefusesANameTwice() {
        assertThatThrownBy(() -> new Tree(List.of(file("a"), file("b"), file("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("entry \"a\" is refused: a directory holds it twice");
    }

    @Test
    void errorMessagesShowControlAndBidiCharactersEscaped() {
        assertThat(Node.quote("a\nb\u202Etxt.exe\"\\")).isEqualTo("\"a\\u000ab\\u202etxt.exe\\\"\\\\\"");
        assertThat(Node.quote("日本語 ✓")).isEqualTo("\"日本語 ✓\"");
    }

    @Test
    void decodingATreeWithAHostileNameFailsWithTheEntrysName() {
        byte[] json = Json.write(java.util.Map.of("nodes", List.of(java.util.Map.of("name", "..", "type", "DIRECTORY"))));
        assertThatThrownBy(() -> Json.read(json, Tree.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid Tree: entry \"..\" is refused: '.' and '..' name the directory itself and its parent");
    }

    @Test
    void lsAndDiffOfAHostileSnapshotFailNamingTheTreeAndTheEntry() {
        Repository repo = Repository.init(new MemoryStore(), "pw".toCharArray(), RepositoryOptions.forTests());
        HostileTrees hostile = new HostileTrees(repo);
        Snapshot good = hostile.snapshot(hostile.file("a.txt", "a", 0644));
        Snapshot bad = hostile.snapshot(hostile.dir("home", 0755, hostile.file("x", "1", 0644), hostile.file("x", "2", 0644)));

        assertThatThrownBy(() -> repo.walk(bad, (path, node) -> { }))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("tree ").hasMessageContaining("\"x\" is refused");
        assertThatThrownBy(() -> SnapshotDiff.diff(repo, good, bad))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("\"x\" is refused");
        assertThatThrownBy(() -> repo.findNode(bad, "/home/x"))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("\"x\" is refused");
    }
}
