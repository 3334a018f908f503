package dev.callscope.callgraph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A call's index among a tree's calls by its id. The tree's query returns them ordered by id, so
 * an id is found by binary search, with no map of 100k ids to build (a third of a large tree's
 * build went to hashing them); calls in another order get a map. The last id found is kept: the
 * children of one parent ask for the same id in a row (a 100k fan-out asks 100k times).
 */
final class CallIndex {

    private final String[] ids;
    private final Map<String, Integer> byId;
    private String lastId;
    private int lastIndex = -1;

    CallIndex(TreeCalls calls) {
        ids = new String[calls.size()];
        boolean sorted = true;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = calls.id(i);
            sorted &= i == 0 || ids[i - 1].compareTo(ids[i]) < 0;
        }
        if (sorted) {
            byId = null;
        } else {
            byId = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                byId.putIfAbsent(ids[i], i);
            }
        }
    }

    /** Whether the calls are in id order, so that comparing two indices compares their ids. */
    boolean sorted() {
        return byId == null;
    }

    /** The index of the call {@code id}, or -1 when it is not one of them. */
    int of(String id) {
        if (id == null) {
            return -1;
        }
        if (id.equals(lastId)) {
            return lastIndex;
        }
        int i;
        if (byId == null) {
            i = Arrays.binarySearch(ids, id);
            i = i < 0 ? -1 : i;
        } else {
            i = byId.getOrDefault(id, -1);
        }
        lastId = id;
        lastIndex = i;
        return i;
    }
}
