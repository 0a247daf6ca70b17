package dev.sockscope.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-way layers of docs/architecture.md, checked on the compiled main classes: the model
 * knows nothing of ours; nothing below the command line knows options or exit codes; views never
 * read a source implementation; foreign APIs stay in their package. Each rule is also shown to
 * fail on a deliberately wrong class ({@code dev.sockscope.archfixture}).
 */
class LayersTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sockscope");
    }

    /** The model imports nothing of ours but the model (and the JDK). */
    static ArchRule modelIsSelfContained(String modelPackage) {
        return classes()
                .that()
                .resideInAPackage(modelPackage)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(modelPackage, "java..")
                .because("the model is records and enums with no I/O and no foreign imports");
    }

    static final ArchRule BELOW_THE_COMMAND_LINE = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.sockscope.model..",
                    "dev.sockscope.query..",
                    "dev.sockscope.source..",
                    "dev.sockscope.owner..",
                    "dev.sockscope.service..",
                    "dev.sockscope.view..",
                    "dev.sockscope.netlink..",
                    "dev.sockscope.net..",
                    "dev.sockscope.export..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.sockscope.cli..", "dev.sockscope.command..", "dev.sockscope")
            .because("only the command line knows options and exit codes; layers throw their own exceptions");

    static final ArchRule VIEWS_READ_NO_SOURCE = noClasses()
            .that()
            .resideInAPackage("dev.sockscope.view..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.sockscope.source.proc..", "dev.sockscope.source.oshi..", "dev.sockscope.source.netlink..")
            .because("nothing in a view reads /proc or netlink");

    static final ArchRule SOURCES_KNOW_NO_VIEW = noClasses()
            .that()
            .resideInAnyPackage("dev.sockscope.source..", "dev.sockscope.owner..", "dev.sockscope.netlink..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.sockscope.view..", "dev.sockscope.query..")
            .because("nothing in a source knows about terminals or selections");

    static final ArchRule OSHI_IN_ITS_PACKAGE = noClasses()
            .that()
            .resideOutsideOfPackages("dev.sockscope.source.oshi..", "dev.sockscope.net.oshi..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("oshi..")
            .because("OSHI is loaded only on the platforms that need it");

    static final ArchRule JLINE_IN_THE_LIVE_VIEW = noClasses()
            .that()
            .resideOutsideOfPackage("dev.sockscope.view.live..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.jline..")
            .because("JLine is loaded only for the live view");

    static final ArchRule PROMETHEUS_IN_THE_ENDPOINT = noClasses()
            .that()
            .resideOutsideOfPackage("dev.sockscope.export.serve..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.prometheus..")
            .because("the Prometheus client is loaded only for --serve");

    static final ArchRule OPTION_PARSER_IN_CLI = noClasses()
            .that()
            .resideOutsideOfPackage("dev.sockscope.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.commons.cli..")
            .because("the option parser is the command line's");

    static final ArchRule ONLY_MAIN_EXITS = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.sockscope.Main")
            .should()
            .callMethod(System.class, "exit", int.class)
            .orShould()
            .callMethod(Runtime.class, "halt", int.class)
            .orShould()
            .callMethod(Runtime.class, "exit", int.class)
            .because("only Main ends the JVM");

    @Test
    void theModelImportsNothingOfOurs() {
        modelIsSelfContained("dev.sockscope.model..").check(main);
    }

    @Test
    void nothingBelowTheCommandLineKnowsOptionsOrExitCodes() {
        BELOW_THE_COMMAND_LINE.check(main);
    }

    @Test
    void viewsReadNoSourceImplementation() {
        VIEWS_READ_NO_SOURCE.check(main);
    }

    @Test
    void sourcesKnowNoViewOrSelection() {
        SOURCES_KNOW_NO_VIEW.check(main);
    }

    @Test
    void foreignApisStayInTheirPackage() {
        OSHI_IN_ITS_PACKAGE.check(main);
        JLINE_IN_THE_LIVE_VIEW.check(main);
        OPTION_PARSER_IN_CLI.check(main);
        PROMETHEUS_IN_THE_ENDPOINT.check(main);
    }

    @Test
    void onlyMainExits() {
        ONLY_MAIN_EXITS.check(main);
    }

    @Test
    void theRulesCatchADeliberatelyWrongImport() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.sockscope.archfixture");
        EvaluationResult model =
                modelIsSelfContained("dev.sockscope.archfixture.model..").evaluate(fixture);
        assertTrue(model.hasViolation(), "a model class importing cli.UsageException must be a violation");
        assertTrue(
                model.getFailureReport().toString().contains("dev.sockscope.cli.UsageException"),
                model.getFailureReport().toString());
        // the same rule holds on the real model: the failure above is the fixture's, not the rule's
        assertFalse(modelIsSelfContained("dev.sockscope.model..").evaluate(main).hasViolation());
        ArchRule belowCli = noClasses()
                .that()
                .resideInAPackage("dev.sockscope.archfixture..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.sockscope.cli..");
        assertTrue(belowCli.evaluate(fixture).hasViolation());
    }
}
