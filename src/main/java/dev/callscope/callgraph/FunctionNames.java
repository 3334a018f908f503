package dev.callscope.callgraph;

import java.util.Map;

/**
 * Function names by id for a tree's calls, visited in tree order: the few functions of a tree
 * alternate (a call, then its fan-out, then the next call), and each call's id is a string of its
 * own, hashed anew by a map. The last few are kept and compared first: a 100k-call tree spent a
 * sixth of its build on map lookups.
 */
final class FunctionNames {

    private static final int KEPT = 8;

    private final Map<String, String> names;
    private final String[] ids = new String[KEPT];
    private final String[] shown = new String[KEPT];
    private int next;

    FunctionNames(Map<String, String> names) {
        this.names = names;
    }

    /** The name of function {@code id}, or the id when it has none. */
    String of(String id) {
        for (int i = 0; i < KEPT && ids[i] != null; i++) {
            if (ids[i].equals(id)) {
                return shown[i];
            }
        }
        String name = names.getOrDefault(id, id);
        ids[next] = id;
        shown[next] = name;
        next = (next + 1) % KEPT;
        return name;
    }
}
