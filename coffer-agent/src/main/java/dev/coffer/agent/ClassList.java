package dev.coffer.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the agent's class list ({@code classes.lst} in this package: the classes its commands load, made by
 * {@code coffer-agent/classlist.sh}) to a file, for the launcher ({@code src/main/dist/coffer-agent}): it dumps a
 * class-data archive from that list ({@code java -Xshare:dump -XX:SharedClassListFile=...}) once per jar, which every
 * later run maps instead of loading and verifying those classes again. Run as
 * {@code java -cp coffer-agent.jar dev.coffer.agent.ClassList FILE}; exits with 1 when it cannot.
 */
public final class ClassList {

    static final String RESOURCE = "classes.lst";

    private ClassList() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp coffer-agent.jar " + ClassList.class.getName() + " FILE");
            System.exit(2);
        }
        try {
            write(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot write the class list to " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void write(Path file) throws IOException {
        try (InputStream in = ClassList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the jar");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
