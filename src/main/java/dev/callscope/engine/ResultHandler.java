package dev.callscope.engine;

/** Consumes the rows of one query; called on the querying thread while the result is open. */
@FunctionalInterface
public interface ResultHandler<T> {
    T handle(RowCursor rows);
}
