package dev.callscope.cli;

import dev.callscope.engine.embedded.ChdbLibraryLocator;
import dev.callscope.engine.embedded.EngineUnavailableException;
import dev.callscope.platform.AppDirs;
import dev.callscope.platform.BuildInfo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Fetches the embedded engine now rather than on first use, and prints where it is: for machines
 * prepared before going offline, and for the installer build, which bundles that file.
 */
@Command(
        name = "fetch-engine",
        mixinStandardHelpOptions = true,
        description = "Fetch the embedded engine library now (otherwise fetched on first use) and print its path.")
final class FetchEngineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Override
    public Integer call() {
        ChdbLibraryLocator locator = new ChdbLibraryLocator(
                BuildInfo.load(), AppDirs.forCurrentUser().cache());
        ProgressLines progress = new ProgressLines(spec.commandLine().getErr());
        try {
            Path library = locator.locate((message, fraction) -> {
                if (!quiet) {
                    progress.update(message, fraction);
                }
            });
            spec.commandLine().getOut().println(library.toAbsolutePath());
            spec.commandLine().getOut().flush();
            return CommandSupport.OK;
        } catch (EngineUnavailableException e) {
            spec.commandLine().getErr().println("callscope fetch-engine: " + e.getMessage());
            return CommandSupport.CANNOT_CONNECT_OR_QUERY;
        }
    }
}
