package dev.coffer.agent.command;

import dev.coffer.agent.core.AgentException;
import dev.coffer.agent.core.ExitCodes;

/** Paths inside a snapshot as users type them: absolute, '/' separated, no trailing '/'. */
final class SnapshotPaths {

    private SnapshotPaths() {
    }

    /** {@code path} normalized; a usage error naming {@code option} unless it is absolute. */
    static String normalize(String path, String option) {
        String p = path.replace('\\', '/');
        if (!p.startsWith("/")) {
            throw new AgentException(ExitCodes.USAGE, option + " '" + path
                    + "' must be an absolute path as backed up, such as /home/me/docs (see 'coffer-agent ls')");
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** True when {@code path} is {@code root} or lies below it. */
    static boolean isWithin(String path, String root) {
        return root.equals("/") || path.equals(root) || path.startsWith(root + "/");
    }
}
