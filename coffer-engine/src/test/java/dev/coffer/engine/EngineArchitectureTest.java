package dev.coffer.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine stays a plain library, and its lowest layer stays independent of the layers above it. */
class EngineArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.coffer.engine");

    @Test
    void engineUsesNoSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("the engine is plain Java, usable by the agent without Spring")
                .check(ENGINE);
    }

    @Test
    void storesKnowNothingOfTheLayersAbove() {
        noClasses().that().resideInAPackage("dev.coffer.engine.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.coffer.engine.crypto..", "dev.coffer.engine.chunk..", "dev.coffer.engine.compress..",
                        "dev.coffer.engine.pack..", "dev.coffer.engine.index..", "dev.coffer.engine.repository..",
                        "dev.coffer.engine.snapshot..", "dev.coffer.engine.archive..", "dev.coffer.engine.restore..")
                .because("a store holds raw named objects only (restic's backend, kopia's blob layer)")
                .check(ENGINE);
    }
}
