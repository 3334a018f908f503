package dev.callscope.ui.timeline;

import dev.callscope.ids.CallscopeIds;

/**
 * What the Timeline's call box asks for: one call ({@code last} null), or the calls with ids from
 * {@code first} to {@code last} ("a .. b"); or, in {@code problem}, why the text is not that.
 */
record TypedCalls(String first, String last, String problem) {

    /** @param callscopeIds whether ids are Callscope's (checked and normalized) or a mapped table's own text */
    static TypedCalls parse(String text, boolean callscopeIds) {
        String[] parts = text.split("\\s*\\.\\.\\s*");
        String first = callscopeIds ? CallscopeIds.parseCall(parts[0]) : parts[0].isEmpty() ? null : parts[0];
        String last = parts.length > 1 ? callscopeIds ? CallscopeIds.parseCall(parts[1]) : parts[1] : null;
        if (first == null || (parts.length > 1 && last == null)) {
            return new TypedCalls(
                    null,
                    null,
                    callscopeIds
                            ? "Not a call id: ids look like fc-01JD8Q…, 26 characters after the prefix"
                            : "Type a call id");
        }
        return new TypedCalls(first, last, null);
    }
}
