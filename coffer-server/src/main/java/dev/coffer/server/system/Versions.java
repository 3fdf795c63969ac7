package dev.coffer.server.system;

import java.util.Optional;

/**
 * Optimistic locking over HTTP: the ETag of a versioned resource and the version an update is based on, read from
 * {@code If-Match} or the body's {@code version}.
 */
public final class Versions {

    private Versions() {
    }

    /** ETag of a versioned resource. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an update is based on: from {@code If-Match} (an ETag as sent by this server) or the body's
     * {@code version}; {@code If-Match} wins when both are present.
     *
     * @throws PreconditionRequiredException when neither is present
     * @throws ValidationException           when If-Match is not one of this server's ETags
     */
    public static long expectedVersion(Optional<String> ifMatch, Optional<Long> bodyVersion) {
        if (ifMatch.isPresent()) {
            String v = ifMatch.get().strip();
            if (v.startsWith("W/")) {
                v = v.substring(2);
            }
            v = v.replace("\"", "");
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ValidationException("If-Match", "must be the ETag of the resource, such as \"3\"");
            }
        }
        return bodyVersion.orElseThrow(() -> new PreconditionRequiredException(
                "an update must carry the current version: an If-Match header or a version field"));
    }
}
