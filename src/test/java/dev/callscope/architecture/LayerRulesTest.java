package dev.callscope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers of docs/ARCHITECTURE.md true: the data layer never sees the UI. */
@AnalyzeClasses(packages = "dev.callscope", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    @ArchTest
    static final ArchRule dataLayerHasNoUi = noClasses()
            .that().resideInAnyPackage("dev.callscope.engine..", "dev.callscope.schema..", "dev.callscope.demo..",
                    "dev.callscope.ids..", "dev.callscope.app..", "dev.callscope.platform..", "dev.callscope.settings..",
                    "dev.callscope.logs..", "dev.callscope.time..", "dev.callscope.timeline..", "dev.callscope.performance..",
                    "dev.callscope.functions..", "dev.callscope.chart..", "dev.callscope.report..", "dev.callscope.bench..",
                    "dev.callscope.calls..", "dev.callscope.cost..", "dev.callscope.profiles..", "dev.callscope.secrets..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.callscope.ui..", "org.controlsfx..", "atlantafx..")
            .because("queries, schema and data generation must run (and be tested) without a window");

    @ArchTest
    static final ArchRule engineDependsOnNothingAbove = noClasses()
            .that().resideInAPackage("dev.callscope.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.callscope.app..", "dev.callscope.cli..",
                    "dev.callscope.demo..", "dev.callscope.schema..", "dev.callscope.settings..")
            .because("the engine is the bottom layer every feature builds on");

    @ArchTest
    static final ArchRule uiUsesTheEngineInterfaceOnly = noClasses()
            .that().resideInAPackage("dev.callscope.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.callscope.engine.embedded..", "dev.callscope.engine.remote..")
            .because("views work the same on every engine; which one is open is decided by the app layer");

    /** Reads run read-only on a server (Engine.query); only schema creation and the demo loader write. */
    @ArchTest
    static final ArchRule viewsAndTheirDataClassesNeverWrite = noClasses()
            .that().resideInAnyPackage("dev.callscope.ui..", "dev.callscope.logs..", "dev.callscope.timeline..",
                    "dev.callscope.performance..", "dev.callscope.functions..", "dev.callscope.report..",
                    "dev.callscope.chart..", "dev.callscope.profiles..", "dev.callscope.secrets..")
            .should().callMethod(dev.callscope.engine.Engine.class, "execute", dev.callscope.engine.Query.class)
            .orShould().callMethod(dev.callscope.engine.Engine.class, "insert", String.class, java.util.List.class,
                    String.class, java.io.InputStream.class)
            .because("the console never writes to a server, except the demo loader into a database the user names");

    @ArchTest
    static final ArchRule onlyTheCommandLineLaunchesTheUi = noClasses()
            .that().resideOutsideOfPackages("dev.callscope.ui..", "dev.callscope.cli..", "dev.callscope")
            .should().dependOnClassesThat().resideInAPackage("dev.callscope.ui..");
}
