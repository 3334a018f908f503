package dev.callscope.demo;

/** Progress of a generation run; called from the generating thread. */
@FunctionalInterface
public interface DemoProgress {

    DemoProgress NONE = (stage, fraction) -> { };

    /**
     * @param stage    what is being written now ("events", "logs", "done")
     * @param fraction overall completion, 0 to 1, never decreasing
     */
    void update(String stage, double fraction);
}
