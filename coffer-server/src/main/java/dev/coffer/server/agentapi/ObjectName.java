package dev.coffer.server.agentapi;

import java.util.Optional;
import java.util.regex.Pattern;

import dev.coffer.engine.store.Store;

/**
 * What a device may do with an object name. Names are engine store names; data, index and snapshot objects are named
 * by the SHA-256 of their bytes, which the server checks; config and keys are the server's.
 */
record ObjectName(String name, Kind kind) {

    enum Kind {
        CONFIG, KEY, DATA, INDEX, SNAPSHOT, LOCK;

        /** Named by their content's SHA-256. */
        boolean hashed() {
            return this == DATA || this == INDEX || this == SNAPSHOT;
        }
    }

    private static final Pattern DATA = Pattern.compile("data/([0-9a-f]{2})/(\\1[0-9a-f]{62})");
    private static final Pattern INDEX = Pattern.compile("index/[0-9a-f]{64}");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshots/[0-9a-f]{64}");
    private static final Pattern KEY = Pattern.compile("keys/[0-9a-f]{1,128}");
    private static final Pattern LOCK = Pattern.compile("locks/[0-9a-f]{1,128}");

    /** The name's kind, or empty when it is not a name of an engine repository. */
    static Optional<ObjectName> parse(String name) {
        if (name == null || name.length() > 200 || !Store.isValidName(name)) {
            return Optional.empty();
        }
        Kind kind = "config".equals(name) ? Kind.CONFIG
                : DATA.matcher(name).matches() ? Kind.DATA
                : INDEX.matcher(name).matches() ? Kind.INDEX
                : SNAPSHOT.matcher(name).matches() ? Kind.SNAPSHOT
                : KEY.matcher(name).matches() ? Kind.KEY
                : LOCK.matcher(name).matches() ? Kind.LOCK
                : null;
        return Optional.ofNullable(kind).map(k -> new ObjectName(name, k));
    }

    /** The SHA-256 (hex) the content must have. */
    String expectedHash() {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
