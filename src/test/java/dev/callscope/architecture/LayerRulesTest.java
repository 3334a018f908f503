package dev.callscope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import java.io.InputStream;
import java.util.List;

/** Keeps the layers of docs/ARCHITECTURE.md true: the data layer never sees the UI. */
@AnalyzeClasses(packages = "dev.callscope", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    /**
     * The diagram of docs/ARCHITECTURE.md, top to bottom; a layer may use the layers below it and
     * its own, never one above.
     */
    @ArchTest
    static final ArchRule layersAsDrawn = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Command line")
            .definedBy("dev.callscope", "dev.callscope.cli..")
            .layer("Window")
            .definedBy("dev.callscope.ui..")
            .layer("App")
            .definedBy(
                    "dev.callscope.app..",
                    "dev.callscope.profiles..",
                    "dev.callscope.settings..",
                    "dev.callscope.secrets..")
            .layer("Writers and tools")
            .definedBy("dev.callscope.acceleration..", "dev.callscope.bench..", "dev.callscope.report..")
            .layer("Features")
            .definedBy(
                    "dev.callscope.logs..",
                    "dev.callscope.timeline..",
                    "dev.callscope.performance..",
                    "dev.callscope.functions..",
                    "dev.callscope.cost..",
                    "dev.callscope.callgraph..",
                    "dev.callscope.batches..")
            .layer("Calls")
            .definedBy("dev.callscope.calls..")
            .layer("Base")
            .definedBy(
                    "dev.callscope.chart..",
                    "dev.callscope.schema..",
                    "dev.callscope.demo..",
                    "dev.callscope.ids..",
                    "dev.callscope.time..")
            .layer("Engine")
            .definedBy("dev.callscope.engine..", "dev.callscope.platform..")
            .whereLayer("Command line")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Window")
            .mayOnlyBeAccessedByLayers("Command line")
            .whereLayer("App")
            .mayOnlyBeAccessedByLayers("Command line", "Window")
            .whereLayer("Writers and tools")
            .mayOnlyBeAccessedByLayers("Command line", "Window", "App")
            .whereLayer("Features")
            .mayOnlyBeAccessedByLayers("Command line", "Window", "App", "Writers and tools")
            .whereLayer("Calls")
            .mayOnlyBeAccessedByLayers("Command line", "Window", "App", "Writers and tools", "Features")
            .whereLayer("Base")
            .mayOnlyBeAccessedByLayers("Command line", "Window", "App", "Writers and tools", "Features", "Calls")
            .because("dependencies point downwards only (docs/ARCHITECTURE.md)");

    @ArchTest
    static final ArchRule dataLayerHasNoUi = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.callscope.engine..",
                    "dev.callscope.schema..",
                    "dev.callscope.demo..",
                    "dev.callscope.ids..",
                    "dev.callscope.app..",
                    "dev.callscope.platform..",
                    "dev.callscope.settings..",
                    "dev.callscope.logs..",
                    "dev.callscope.time..",
                    "dev.callscope.timeline..",
                    "dev.callscope.performance..",
                    "dev.callscope.functions..",
                    "dev.callscope.chart..",
                    "dev.callscope.report..",
                    "dev.callscope.bench..",
                    "dev.callscope.calls..",
                    "dev.callscope.cost..",
                    "dev.callscope.profiles..",
                    "dev.callscope.secrets..",
                    "dev.callscope.callgraph..",
                    "dev.callscope.batches..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "dev.callscope.ui..", "org.controlsfx..", "atlantafx..")
            .because("queries, schema and data generation must run (and be tested) without a window");

    @ArchTest
    static final ArchRule engineDependsOnNothingAbove = noClasses()
            .that()
            .resideInAPackage("dev.callscope.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.callscope.app..",
                    "dev.callscope.cli..",
                    "dev.callscope.demo..",
                    "dev.callscope.schema..",
                    "dev.callscope.settings..")
            .because("the engine is the bottom layer every feature builds on");

    @ArchTest
    static final ArchRule uiUsesTheEngineInterfaceOnly = noClasses()
            .that()
            .resideInAPackage("dev.callscope.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.callscope.engine.embedded..", "dev.callscope.engine.remote..")
            .because("views work the same on every engine; which one is open is decided by the app layer");

    /** Reads run read-only on a server (Engine.query); only schema creation and the demo loader write. */
    @ArchTest
    static final ArchRule viewsAndTheirDataClassesNeverWrite = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.callscope.ui..",
                    "dev.callscope.logs..",
                    "dev.callscope.timeline..",
                    "dev.callscope.performance..",
                    "dev.callscope.functions..",
                    "dev.callscope.report..",
                    "dev.callscope.chart..",
                    "dev.callscope.profiles..",
                    "dev.callscope.secrets..",
                    "dev.callscope.callgraph..",
                    "dev.callscope.batches..")
            .should()
            .callMethod(Engine.class, "execute", Query.class)
            .orShould()
            .callMethod(Engine.class, "insert", String.class, List.class, String.class, InputStream.class)
            .because("the console never writes to a server, except the demo loader into a database the user names");

    @ArchTest
    static final ArchRule onlyTheCommandLineLaunchesTheUi = noClasses()
            .that()
            .resideOutsideOfPackages("dev.callscope.ui..", "dev.callscope.cli..", "dev.callscope")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.callscope.ui..");
}
