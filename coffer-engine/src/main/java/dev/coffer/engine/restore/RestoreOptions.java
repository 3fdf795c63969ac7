package dev.coffer.engine.restore;

import java.util.List;

/**
 * What to restore: {@code includes} are snapshot paths ({@code /home/a}) whose subtrees are restored, empty for all;
 * {@code overwrite} replaces existing files, otherwise they are kept and reported; {@code threads} 0 means one per core.
 */
public record RestoreOptions(List<String> includes, boolean overwrite, int threads) {

    public RestoreOptions {
        includes = List.copyOf(includes);
        for (String include : includes) {
            if (!include.startsWith("/")) {
                throw new IllegalArgumentException("includes: '" + include + "' must be an absolute snapshot path such as /home/a");
            }
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more, got " + threads);
        }
    }

    public static RestoreOptions defaults() {
        return new RestoreOptions(List.of(), false, 0);
    }

    public RestoreOptions withIncludes(List<String> paths) {
        return new RestoreOptions(paths, overwrite, threads);
    }

    public RestoreOptions withOverwrite(boolean value) {
        return new RestoreOptions(includes, value, threads);
    }
}
