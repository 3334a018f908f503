package dev.callscope.demo;

/**
 * One generated row of function_call_events, before encoding. Times are epoch microseconds;
 * {@link #NONE} stands for NULL. {@code callId} is empty for container events.
 */
record Event(
        long eventAt,
        Type type,
        String callId,
        int attempt,
        String containerId,
        boolean coldStart,
        long enqueuedAt,
        long coldStartBegan,
        long coldStartEnded,
        long startedAt,
        long finishedAt,
        Status status,
        String error,
        long ingestedAt) {

    static final long NONE = Long.MIN_VALUE;

    /** event_type, with the Enum8 codes of the DDL. */
    enum Type {
        QUEUED(1),
        CONTAINER_ASSIGNED(2),
        COLD_START_BEGIN(3),
        COLD_START_END(4),
        STARTED(5),
        FINISHED(6),
        RETRIED(7),
        CONTAINER_STARTED(8),
        CONTAINER_STOPPED(9);

        final byte code;

        Type(int code) {
            this.code = (byte) code;
        }
    }

    /** status, with the Enum8 codes of the DDL. */
    enum Status {
        PENDING(0),
        SUCCESS(1),
        FAILURE(2),
        TIMEOUT(3),
        INIT_FAILURE(4),
        TERMINATED(5);

        final byte code;

        Status(int code) {
            this.code = (byte) code;
        }
    }

    /** The same event moved to {@code at}: the key (function, call, time) must stay unique. */
    Event at(long at) {
        return new Event(
                at,
                type,
                callId,
                attempt,
                containerId,
                coldStart,
                enqueuedAt,
                coldStartBegan,
                coldStartEnded,
                startedAt,
                finishedAt,
                status,
                error,
                ingestedAt);
    }

    /** The same event delivered again (at-least-once), or delivered at another time. */
    Event ingestedAt(long at) {
        return new Event(
                eventAt,
                type,
                callId,
                attempt,
                containerId,
                coldStart,
                enqueuedAt,
                coldStartBegan,
                coldStartEnded,
                startedAt,
                finishedAt,
                status,
                error,
                at);
    }
}
