package dev.callscope.ui.logs;

import dev.callscope.engine.Engine;
import dev.callscope.logs.LogSearch;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.time.TimeRange;

/** The search on screen, as a background task takes it: fixed when the task is submitted. */
record LogsSearchState(Engine engine, LogSearch search, SearchExpr expr, TimeRange range) {}
