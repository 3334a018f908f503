package dev.callscope.demo;

/** Progress of a generation run; called from the generating thread. */
@FunctionalInterface
public interface DemoProgress {

    DemoProgress NONE = (stage, fraction) -> {};

    /**
     * @param stage    what was just written ("events", "logs" of one function at a time, then "done")
     * @param fraction overall completion, 0 to 1, never decreasing
     */
    void update(String stage, double fraction);
}
