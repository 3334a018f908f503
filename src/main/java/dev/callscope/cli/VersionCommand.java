package dev.callscope.cli;

import dev.callscope.engine.embedded.ChdbLibraryLocator;
import dev.callscope.platform.AppDirs;
import dev.callscope.platform.BuildInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints versions and where the engine library and data live: the first thing a bug report needs. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        description = "Print Callscope, Java and embedded-engine versions.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BuildInfo build = BuildInfo.load();
        AppDirs dirs = AppDirs.forCurrentUser();
        var out = spec.commandLine().getOut();
        out.println("Callscope " + build.version());
        out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        out.println("OS " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.println("Embedded engine " + build.chdbPackage() + "@" + build.chdbVersion() + ": "
                + new ChdbLibraryLocator(build, dirs.cache())
                        .findLocal()
                        .map(p -> p.toString())
                        .orElse("not fetched yet (fetched on first use)"));
        out.println("Data " + dirs.defaultEngineData());
        out.println("Settings " + dirs.config());
        out.flush();
        return 0;
    }
}
