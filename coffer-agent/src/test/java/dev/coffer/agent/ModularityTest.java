package dev.coffer.agent;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages (the root with {@code CofferAgent}, {@code command}, {@code progress}) depend on each other
 * without loops: commands depend on a small context (environment, output), not on the root command.
 */
class ModularityTest {

    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.coffer.agent");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        // "(**)" names the root package "agent" too, so CofferAgent <-> command counts as a cycle.
        slices().matching("dev.coffer.(**)").should().beFreeOfCycles()
                .because("the commands build on a small context, and the root command on the commands")
                .check(AGENT);
    }
}
