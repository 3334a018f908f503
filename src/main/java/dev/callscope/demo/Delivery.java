package dev.callscope.demo;

/** One event as a pipeline hands it to ClickHouse: whose it is, and the event with its arrival as {@code ingestedAt}. */
record Delivery(DemoFunction function, Event event) {}
