package dev.coffer.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's layers, lowest first, each using only the layers below it (restic's and kopia's layering):
 * <pre>
 *   foundation   crypto, compress, chunk, blob, json, progress   (no storage, no repository)
 *   store        store and its implementations and wrappers      (raw named objects)
 *   model        snapshot, retention                             (values: snapshots, trees, retention rules)
 *   pack/index   pack, index                                     (pack files and the blob index)
 *   repository   repository                                      (layout, keys, index files, snapshots, markers)
 *   operations   archive, restore, prune, check, forget          (what the agent runs; none uses another)
 * </pre>
 * Every engine package must belong to a layer, so that a new package cannot slip past these rules; there is no
 * cycle between the top-level packages, and no Spring anywhere.
 */
class EngineArchitectureTest {

    private static final String ENGINE = "dev.coffer.engine";

    /** Layer name to its top-level packages below {@code dev.coffer.engine}. */
    private static final Map<String, List<String>> LAYERS = Map.of(
            "Foundation", List.of("crypto", "compress", "chunk", "blob", "json", "progress"),
            "Store", List.of("store"),
            "Model", List.of("snapshot", "retention"),
            "PackIndex", List.of("pack", "index"),
            "Repository", List.of("repository"),
            "Operations", List.of("archive", "restore", "prune", "check", "forget"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ENGINE);

    @Test
    void engineUsesNoSpring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("the engine is plain Java, usable by the agent without Spring")
                .check(CLASSES);
    }

    @Test
    void everyEnginePackageBelongsToALayer() {
        Set<String> layered = LAYERS.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        Set<String> topLevel = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            String rest = c.getPackageName().substring(ENGINE.length());
            if (!rest.isEmpty()) {
                topLevel.add(rest.substring(1).split("\\.")[0]);
            }
        }
        assertThat(topLevel).as("engine packages").hasSizeGreaterThan(15);
        assertThat(layered).as("every engine package is given a layer in this test").containsAll(topLevel);
        assertThat(CLASSES.stream().filter(c -> c.getPackageName().equals(ENGINE) && !c.getSimpleName().equals("package-info"))
                        .map(JavaClass::getName))
                .as("no classes directly in " + ENGINE).isEmpty();
    }

    @Test
    void noCyclesBetweenEnginePackages() {
        slices().matching(ENGINE + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Foundation").definedBy(packages("Foundation"))
                .layer("Store").definedBy(packages("Store"))
                .layer("Model").definedBy(packages("Model"))
                .layer("PackIndex").definedBy(packages("PackIndex"))
                .layer("Repository").definedBy(packages("Repository"))
                .layer("Operations").definedBy(packages("Operations"))
                .whereLayer("Foundation").mayOnlyAccessLayers("Foundation")
                .whereLayer("Store").mayOnlyAccessLayers("Store")
                .whereLayer("Model").mayOnlyAccessLayers("Model", "Foundation")
                .whereLayer("PackIndex").mayOnlyAccessLayers("PackIndex", "Store", "Foundation")
                .whereLayer("Repository").mayOnlyAccessLayers("Repository", "PackIndex", "Model", "Store", "Foundation")
                .whereLayer("Repository").mayOnlyBeAccessedByLayers("Operations")
                .whereLayer("Operations").mayNotBeAccessedByAnyLayer()
                .because("store < pack/index < repository < archive/restore/prune/check")
                .check(CLASSES);
    }

    @Test
    void operationsDoNotUseEachOther() {
        List<String> operations = LAYERS.get("Operations");
        for (String op : operations) {
            String[] others = operations.stream().filter(o -> !o.equals(op)).map(o -> ENGINE + "." + o + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(ENGINE + "." + op + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("each operation stands on the repository alone")
                    .check(CLASSES);
        }
    }

    private static String[] packages(String layer) {
        return LAYERS.get(layer).stream().map(p -> ENGINE + "." + p + "..").toArray(String[]::new);
    }
}
