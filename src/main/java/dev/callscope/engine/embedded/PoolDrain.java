package dev.callscope.engine.embedded;

import java.util.concurrent.BlockingQueue;

/** Closing the engine: waiting for its pooled connections to come back before freeing them (freeing a busy one crashes the process). */
final class PoolDrain {

    private PoolDrain() {}

    /**
     * Waits (up to 30 s) for all {@code size} pooled connections to be back in {@code idle}. Counts
     * what is in the queue rather than taking from it: a connection that was idle all along must not
     * be mistaken for one handed back.
     *
     * @return whether all came back in time
     */
    static boolean awaitAll(BlockingQueue<?> idle, int size) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        boolean interrupted = false;
        try {
            while (idle.size() < size) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: closing a busy connection is worse than a late exit
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
