package dev.coffer.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("COFFER_AGENT_JAR");
        pb.environment().remove("COFFER_AGENT_OPTS");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
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
        assertThat(run.out()).startsWith("-XX:+UseSerialGC -Xms32m -Xmx" + Math.max(384, 32 * cores + 256) + "m")
                .endsWith("-jar " + jar + " backup /home/a b");
    }

    @Test
    void optionsFromTheEnvironmentComeLastSoTheyOverrideTheDefaults() throws Exception {
        Path jar = Files.writeString(tmp.resolve("agent.jar"), "");

        Run run = launch(Map.of("COFFER_AGENT_JAR", jar.toString(), "COFFER_AGENT_OPTS", "-Xmx2g -Dx=1"), "--version");

        assertThat(run.out()).containsPattern("-Xmx\\d+m .* -Xmx2g -Dx=1 -jar ");
    }

    @Test
    void aMissingJarIsReportedInsteadOfStartingJava() throws Exception {
        Run run = launch(Map.of("COFFER_AGENT_JAR", tmp.resolve("nowhere.jar").toString()), "--version");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("coffer-agent.jar not found");
    }
}
