package dev.coffer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassListTest {

    @TempDir
    Path tmp;

    private List<String> classList() throws Exception {
        Path file = tmp.resolve("classes.lst");
        ClassList.write(file);
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("@"))
                .toList();
    }

    @Test
    void theClassListNamesOnlyClassesOfOursThatExist() throws Exception {
        // A class renamed or removed would silently load from the jar again: run coffer-agent/classlist.sh.
        List<String> ours = classList().stream().filter(c -> c.startsWith("dev/coffer/")).toList();

        assertThat(ours).isNotEmpty();
        for (String name : ours) {
            assertThat(exists(name.replace('/', '.'))).as("%s in classes.lst exists (else run "
                    + "coffer-agent/classlist.sh)", name).isTrue();
        }
    }

    @Test
    void theClassListHoldsWhatBackupsAndRestoresOnTheServerAndLocallyLoad() throws Exception {
        assertThat(classList()).contains("picocli/CommandLine", "dev/coffer/agent/command/BackupCommand",
                "dev/coffer/agent/command/RestoreCommand", "dev/coffer/engine/archive/Archiver",
                "dev/coffer/engine/restore/Restorer", "dev/coffer/engine/store/remote/RemoteStore",
                "dev/coffer/engine/store/local/LocalStore", "com/github/luben/zstd/ZstdCompressCtx");
    }

    @Test
    void mainWritesTheClassListToTheFileNamed() throws Exception {
        Path file = tmp.resolve("list");

        ClassList.main(new String[] {file.toString()});

        assertThat(Files.readString(file)).startsWith("# ").contains("\ndev/coffer/agent/CofferAgent\n");
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, ClassListTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
