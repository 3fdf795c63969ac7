package dev.coffer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script {@code src/main/dist/coffer-agent}, run with a stand-in {@code java} that prints its arguments. */
class LauncherScriptTest {

    private static final Path SCRIPT = Path.of("src/main/dist/coffer-agent").toAbsolutePath();

    @TempDir
    Path tmp;

    private record Run(int exitCode, String out) {
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path java = bin.resolve("java");
        // Written once per test: the launcher keys its class-data archive on the java binary's size and mtime (whole
        // seconds), so rewriting the stand-in between two launches could give the second launch another key.
        if (!Files.exists(java)) {
            // Like the JVM and the jar, the stand-in writes the files it is asked to: ClassList's list, the archive
            // of -Xshare:dump (refused when DUMP_FAILS is set), the archive of ArchiveClassesAtExit. Only the
            // launcher's last java command prints.
            Files.writeString(java, """
                    #!/bin/sh
                    case "$*" in
                      *dev.coffer.agent.ClassList*) echo classes > "$4"; exit 0 ;;
                      *-Xshare:dump*) [ -n "$DUMP_FAILS" ] && exit 1 ;;
                    esac
                    for a in "$@"; do
                      case "$a" in
                        -XX:ArchiveClassesAtExit=*) echo archive > "${a#-XX:ArchiveClassesAtExit=}" ;;
                        -XX:SharedArchiveFile=*) case "$*" in *-Xshare:dump*) echo archive > "${a#*=}"; exit 0 ;; esac ;;
                      esac
                    done
                    echo "$@"
                    """);
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().remove("COFFER_AGENT_JAR");
        pb.environment().remove("COFFER_AGENT_OPTS");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out.trim());
    }

    @Test
    void startsTheJarWithABoundedElasticHeapAndPassesTheArgumentsOn() throws Exception {
        Path jar = Files.writeString(tmp.resolve("agent.jar"), "");

        Run run = launch(Map.of("COFFER_AGENT_JAR", jar.toString()), "backup", "/home/a b");

        assertThat(run.exitCode()).isZero();
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(run.out()).contains("-XX:+UseSerialGC -Xms96m -Xmx" + Math.max(256, 40 * cores + 200) + "m")
                .contains("-XX:PretenureSizeThreshold=4m")
                .contains("-XX:CompileCommand=CompileThresholdScaling,com/sun/crypto/provider/*.*,0.25")
                .endsWith("-jar " + jar + " backup /home/a b");
    }

    @Test
    void asksForTransparentHugePagesOnlyWhereTheKernelOffersThem() throws Exception {
        Path jar = Files.writeString(tmp.resolve("agent.jar"), "");
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String offered = Files.isReadable(setting) ? Files.readString(setting) : "";

        Run run = launch(Map.of("COFFER_AGENT_JAR", jar.toString()), "snapshots");

        assertThat(run.exitCode()).isZero();
        if (offered.contains("[always]") || offered.contains("[madvise]")) {
            assertThat(run.out()).contains("-XX:+UseTransparentHugePages");
        } else {
            assertThat(run.out()).doesNotContain("TransparentHugePages");
        }
    }

    @Test
    void optionsFromTheEnvironmentComeLastSoTheyOverrideTheDefaults() throws Exception {
        Path jar = Files.writeString(tmp.resolve("agent.jar"), "");

        Run run = launch(Map.of("COFFER_AGENT_JAR", jar.toString(), "COFFER_AGENT_OPTS", "-Xmx2g -Dx=1"), "--version");

        assertThat(run.out()).containsPattern("-Xmx\\d+m .* -Xmx2g -Dx=1 -jar ");
    }

    @Test
    void theFirstRunDumpsAClassDataArchiveFromTheJarsClassListThatEveryRunMaps() throws Exception {
        Path jar = Files.writeString(tmp.resolve("agent.jar"), "");
        Map<String, String> env = Map.of("COFFER_AGENT_JAR", jar.toString());

        Run first = launch(env, "snapshots");
        Run second = launch(env, "snapshots");

        assertThat(first.exitCode()).isZero();
        try (var files = Files.list(tmp.resolve("cache/coffer"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .startsWith("agent-").endsWith(".jsa");
        }
        for (Run run : List.of(first, second)) {
            assertThat(run.out()).contains("-XX:SharedArchiveFile=" + tmp.resolve("cache/coffer/agent-"))
                    .doesNotContain("ArchiveClassesAtExit").endsWith("-jar " + jar + " snapshots");
        }
    }

    @Test
    void copiesOfOneJarAtTwoPathsGetAnArchiveEachAndKeepIt() throws Exception {
        // The JVM ignores an archive dumped for a jar at another path; copies of a jar with the same size and time
        // (one install copied, one tarball unpacked twice) must not share one, nor evict each other's.
        Path one = Files.writeString(Files.createDirectories(tmp.resolve("one")).resolve("agent.jar"), "jar");
        Path two = Files.writeString(Files.createDirectories(tmp.resolve("two")).resolve("agent.jar"), "jar");
        Files.setLastModifiedTime(two, Files.getLastModifiedTime(one));

        Run first = launch(Map.of("COFFER_AGENT_JAR", one.toString()), "snapshots");
        Run second = launch(Map.of("COFFER_AGENT_JAR", two.toString()), "snapshots");
        Run again = launch(Map.of("COFFER_AGENT_JAR", one.toString()), "snapshots");

        String archiveOfFirst = archiveIn(first.out());
        assertThat(archiveIn(second.out())).isNotEqualTo(archiveOfFirst);
        assertThat(archiveIn(again.out())).isEqualTo(archiveOfFirst);
        try (var files = Files.list(tmp.resolve("cache/coffer"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(2)
                    .allMatch(name -> name.startsWith("agent-") && name.endsWith(".jsa"));
        }
    }

    @Test
    void aRelativeJarPathIsMadeAbsoluteForTheArchive() throws Exception {
        Path jar = Files.writeString(tmp.resolve("agent.jar"), "");

        Run run = launch(Map.of("COFFER_AGENT_JAR", "agent.jar"), "snapshots");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("-XX:SharedArchiveFile=").endsWith("-jar " + jar + " snapshots");
    }

    private static String archiveIn(String javaArguments) {
        return Arrays.stream(javaArguments.split(" ")).filter(a -> a.startsWith("-XX:SharedArchiveFile="))
                .findFirst().orElseThrow(() -> new AssertionError("no archive in: " + javaArguments));
    }

    @Test
    void whenTheArchiveCannotBeDumpedTheFirstRunArchivesTheClassesItLoadsAtExit() throws Exception {
        Path jar = Files.writeString(tmp.resolve("agent.jar"), "");
        Map<String, String> env = Map.of("COFFER_AGENT_JAR", jar.toString(), "DUMP_FAILS", "1");

        Run first = launch(env, "snapshots");
        Run second = launch(env, "snapshots");

        assertThat(first.out()).contains("-XX:ArchiveClassesAtExit=" + tmp.resolve("cache/coffer/agent-"))
                .doesNotContain("SharedArchiveFile").endsWith("-jar " + jar + " snapshots");
        assertThat(second.out()).contains("-XX:SharedArchiveFile=" + tmp.resolve("cache/coffer/agent-"))
                .doesNotContain("ArchiveClassesAtExit");
        try (var files = Files.list(tmp.resolve("cache/coffer"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .endsWith(".jsa");
        }
    }

    @Test
    void classDataSharingCanBeTurnedOff() throws Exception {
        Path jar = Files.writeString(tmp.resolve("agent.jar"), "");

        Run run = launch(Map.of("COFFER_AGENT_JAR", jar.toString(), "COFFER_AGENT_CDS", "0"), "snapshots");

        assertThat(run.out()).doesNotContain("Archive").startsWith("-XX:+UseSerialGC");
        assertThat(tmp.resolve("cache/coffer")).doesNotExist();
    }

    @Test
    void aMissingJarIsReportedInsteadOfStartingJava() throws Exception {
        Run run = launch(Map.of("COFFER_AGENT_JAR", tmp.resolve("nowhere.jar").toString()), "--version");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("coffer-agent.jar not found");
    }
}
