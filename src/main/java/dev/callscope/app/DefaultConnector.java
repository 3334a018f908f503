package dev.callscope.app;

import dev.callscope.acceleration.RollupViews;
import dev.callscope.demo.DemoOptions;
import dev.callscope.demo.DemoSummary;
import dev.callscope.demo.DemoWorkload;
import dev.callscope.demo.LiveDemo;
import dev.callscope.engine.Engine;
import dev.callscope.engine.EngineException;
import dev.callscope.engine.Query;
import dev.callscope.engine.embedded.EngineUnavailableException;
import dev.callscope.platform.AppDirs;
import dev.callscope.schema.Schema;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * The application's {@link Connector}: the embedded target opens chDB and, the first time, fills it
 * with the demo workload; a remote target connects to the server.
 */
public final class DefaultConnector implements Connector {

    private static final Logger LOG = Logger.getLogger(DefaultConnector.class.getName());
    /** The demo workload is the same on every machine: one seed for the first run. */
    public static final long DEMO_SEED = 20251105L;

    private final AppDirs dirs;
    /** Calls a second the embedded demo keeps receiving while the app runs; 0 for a still snapshot. */
    private final double liveCallsPerSecond;

    public DefaultConnector(AppDirs dirs) {
        this(dirs, 0);
    }

    public DefaultConnector(AppDirs dirs, double liveCallsPerSecond) {
        this.dirs = dirs;
        this.liveCallsPerSecond = liveCallsPerSecond;
    }

    @Override
    public Engine open(ConnectionTarget target, ProgressListener progress) throws ConnectException {
        return switch (target) {
            case ConnectionTarget.Embedded embedded -> openEmbedded(embedded, progress);
            case ConnectionTarget.Remote remote -> RemoteEngines.open(remote, progress);
        };
    }

    private Engine openEmbedded(ConnectionTarget.Embedded target, ProgressListener progress) throws ConnectException {
        Engine engine;
        try {
            engine = EmbeddedEngines.open(dirs, target.dataDir(), progress);
        } catch (EngineUnavailableException e) {
            throw new ConnectException(e.getMessage(), e);
        } catch (EngineException e) {
            throw new ConnectException("The embedded engine could not start: " + e.getMessage(), e);
        }
        try {
            String partial = "";
            if (DemoWorkload.isLoaded(engine, DemoOptions.DEFAULT_DATABASE)
                    && DemoWorkload.isPartial(engine, DemoOptions.DEFAULT_DATABASE)) {
                // Callscope's own generation was stopped halfway (the process was killed): a part of
                // the demo would show wrong numbers, so it is made again, and the progress says why
                LOG.warning("The demo workload is incomplete (its generation was stopped); generating it again");
                engine.execute(Query.of("DROP DATABASE " + DemoOptions.DEFAULT_DATABASE + " SYNC"));
                partial = "the last one was stopped halfway; ";
            }
            if (!DemoWorkload.isLoaded(engine, DemoOptions.DEFAULT_DATABASE)) {
                String why = partial;
                DemoSummary summary = DemoWorkload.generate(
                        engine,
                        DemoOptions.defaults(DEMO_SEED),
                        (stage, fraction) -> progress.update("Generating the demo workload: " + why + stage, fraction));
                progress.update("Rolling up calls", 0.99);
                RollupViews.installAndRefresh(engine, DemoOptions.DEFAULT_DATABASE);
                LOG.info(String.format(
                        Locale.ROOT,
                        "Demo workload: %,d calls, %,d events, %,d log lines in %s (%.0f rows/s)",
                        summary.calls(),
                        summary.events(),
                        summary.logLines(),
                        summary.elapsed(),
                        summary.rowsPerSecond()));
            } else {
                // demo data written by an older version lacks the summary tables: add them once
                if (!Schema.hasAttempts(engine, DemoOptions.DEFAULT_DATABASE)) {
                    progress.update("Summarizing calls (once, for faster dashboards)", 0.5);
                    Schema.addAttempts(engine, DemoOptions.DEFAULT_DATABASE);
                }
                // the rollup's refreshable view (new in this version, or of another version): sealed once now
                Schema.addAttempts(engine, DemoOptions.DEFAULT_DATABASE);
                progress.update("Rolling up calls (for faster dashboards)", 0.8);
                RollupViews.installAndRefresh(engine, DemoOptions.DEFAULT_DATABASE);
                if (!Schema.hasLogSeconds(engine, DemoOptions.DEFAULT_DATABASE)) {
                    progress.update("Indexing log times (once, for a faster match histogram)", 0.9);
                    Schema.addLogSeconds(engine, DemoOptions.DEFAULT_DATABASE);
                }
                // log patterns (new in this version): computed on the fly until the background rewrite ends
                Schema.addLogPatterns(engine, DemoOptions.DEFAULT_DATABASE, false);
            }
            if (liveCallsPerSecond > 0) {
                // ends with the engine: once it is closed, the feed's inserts are refused
                LiveDemo.start(engine, DemoOptions.DEFAULT_DATABASE, liveCallsPerSecond);
            }
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw new ConnectException("Could not prepare the demo data: " + e.getMessage(), e);
        }
    }
}
