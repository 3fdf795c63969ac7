package dev.coffer.engine.archive;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** Exclude globs: one without a {@code /} matches a file name, one with a {@code /} the whole path. */
final class Excludes {

    private final List<PathMatcher> matchers = new ArrayList<>();
    private final List<Boolean> byName = new ArrayList<>();

    Excludes(List<String> globs) {
        for (String glob : globs) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            byName.add(!glob.contains("/"));
        }
    }

    boolean excluded(Path p) {
        for (int i = 0; i < matchers.size(); i++) {
            Path subject = byName.get(i) ? p.getFileName() : p;
            if (matchers.get(i).matches(subject)) {
                return true;
            }
        }
        return false;
    }
}
