package dev.coffer.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds directory trees with every kind of entry a backup must keep, and compares two trees in full. */
public final class TestTrees {

    private TestTrees() {
    }

    /** Text, binary, empty, large, sparse files, a symlink, a hard link, Unicode names, an empty dir; seeded. */
    public static void createMixedTree(Path root, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(root.resolve("docs/nested/deeper"));
        Files.createDirectories(root.resolve("empty-dir"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog\n");
        }
        Files.writeString(root.resolve("docs/readme.txt"), text);
        Files.writeString(root.resolve("docs/nested/notes.md"), "# notes\n" + text.substring(0, 1000));
        Files.write(root.resolve("docs/nested/deeper/binary.bin"), randomBytes(random, 300_000));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.write(root.resolve("large.bin"), randomBytes(random, 3_000_000));
        Files.writeString(root.resolve("Ünïcödé 日本語 ✓ – ℮.txt"), "unicode content ✓", StandardCharsets.UTF_8);
        try (RandomAccessFile sparse = new RandomAccessFile(root.resolve("sparse.img").toFile(), "rw")) {
            sparse.seek(1_000_000);
            sparse.write(randomBytes(random, 10_000));
            sparse.setLength(4_000_000);
        }
        Path script = root.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(root.resolve("docs/nested/notes.md"), PosixFilePermissions.fromString("rw-------"));
        // Group- and world-writable: a usual umask (022) strips these bits at creation, so the restore must chmod.
        Files.setPosixFilePermissions(root.resolve("docs/readme.txt"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.createSymbolicLink(root.resolve("link-to-readme"), Path.of("docs/readme.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nonexistent/target"));
        Files.createLink(root.resolve("hardlink-to-large.bin"), root.resolve("large.bin"));
        setTimes(root, Instant.parse("2024-03-01T10:15:30.123456789Z"));
    }

    /** Gives every entry a distinct fixed mtime (directories last, since changing entries changes them). */
    public static void setTimes(Path root, Instant base) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = new ArrayList<>(s.sorted((a, b) -> b.toString().compareTo(a.toString())).toList());
        }
        long i = 0;
        for (Path p : all) {
            if (!Files.isSymbolicLink(p)) {
                Files.setLastModifiedTime(p, FileTime.from(base.plusSeconds(i++ * 60)));
            }
        }
    }

    public static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Asserts both trees hold the same names, types, contents, link targets, modes (all 12 bits) and mtimes. */
    public static void assertSameTree(Path expected, Path actual) throws IOException {
        TreeMap<String, String> a = describe(expected);
        TreeMap<String, String> b = describe(actual);
        assertThat(b).isEqualTo(a);
    }

    private static TreeMap<String, String> describe(Path root) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString();
                StringBuilder d = new StringBuilder();
                if (Files.isSymbolicLink(p)) {
                    d.append("symlink->").append(Files.readSymbolicLink(p));
                } else {
                    d.append(Files.isDirectory(p) ? "dir" : "file");
                    // All twelve bits: setuid, setgid and sticky must survive too.
                    d.append(" mode=").append(Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777));
                    d.append(" mtime=").append(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant());
                    if (Files.isRegularFile(p)) {
                        byte[] content = Files.readAllBytes(p);
                        d.append(" size=").append(content.length).append(" sha=").append(sha(content));
                        d.append(" links=").append(Files.getAttribute(p, "unix:nlink"));
                    }
                }
                out.put(rel, d.toString());
            }
        }
        return out;
    }

    private static String sha(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocks actually allocated to a file, in bytes (sparse files use fewer than their size). */
    public static long allocatedBytes(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String[] out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
        p.waitFor();
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }
}
