package dev.callscope.engine;

/** What a handler made of a query's rows, with what the query cost. */
public record QueryResult<T>(T value, QueryStats stats) {}
