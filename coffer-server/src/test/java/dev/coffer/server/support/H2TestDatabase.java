package dev.coffer.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh H2 file database under a new temporary COFFER_HOME, as the embedded default uses. */
public final class H2TestDatabase {

    private H2TestDatabase() {
    }

    /** Creates a new temporary COFFER_HOME and returns it. */
    public static Path newHome() {
        try {
            return Files.createTempDirectory("coffer-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
