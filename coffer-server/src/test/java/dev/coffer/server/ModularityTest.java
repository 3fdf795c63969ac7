package dev.coffer.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's features (customer, backupaccount, quota, apitoken, identity, security, panel, ...) use each other
 * only through their base packages: an {@code internal} package belongs to its feature alone, and no two features
 * (nor two panel pages) depend on each other in a loop. Controllers, REST and page controllers alike, stay out of
 * the API of a feature and go through the services; the REST API does not depend on the panel's pages.
 */
class ModularityTest {

    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.coffer.server");
    }

    @Test
    void featuresDoNotReachIntoEachOthersInternals() {
        for (String feature : features()) {
            noClasses().that().resideOutsideOfPackage("dev.coffer.server." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.coffer.server." + feature + ".internal..")
                    .allowEmptyShould(true)
                    .because("a feature's internal package is its own")
                    .check(server);
        }
    }

    @Test
    void servicesAndApiDoNotDependOnThePanel() {
        noClasses().that().resideOutsideOfPackage("dev.coffer.server.panel..")
                .should().dependOnClassesThat().resideInAPackage("dev.coffer.server.panel..")
                .because("the panel is a client of the services, like the REST API")
                .check(server);
    }

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        slices().matching("dev.coffer.server.(*)..").should().beFreeOfCycles()
                .because("a feature builds on the ones below it; a loop makes two features one")
                .check(server);
    }

    @Test
    void panelPagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.coffer.server.panel.(*)..").should().beFreeOfCycles()
                .because("each feature's pages stand alone on the panel's shared parts and the quota widgets")
                .check(server);
    }

    @Test
    void controllersAreNotUsedByOtherClasses() {
        noClasses().should().dependOnClassesThat().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .because("REST controllers are entry points, not services")
                .check(server);
        noClasses().that(areNotPartOfAPageController())
                .should().dependOnClassesThat().areAnnotatedWith(org.springframework.stereotype.Controller.class)
                .because("the panel's and the console's page controllers are entry points, not services")
                .check(server);
    }

    @Test
    void everythingIsReachedThroughDatabaseAccessInServicesNotControllers() {
        noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .or().areAnnotatedWith(org.springframework.stereotype.Controller.class)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .because("controllers go through the services, which filter every query by customer")
                .check(server);
    }

    /** Classes other than a page controller and the records nested in it (its rows, its forms). */
    private static DescribedPredicate<JavaClass> areNotPartOfAPageController() {
        return DescribedPredicate.describe("are not part of a page controller", c -> {
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return !top.isAnnotatedWith(org.springframework.stereotype.Controller.class);
        });
    }

    private static java.util.Set<String> features() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        server.forEach(c -> {
            String p = c.getPackageName();
            if (p.startsWith("dev.coffer.server.")) {
                names.add(p.substring("dev.coffer.server.".length()).split("\\.")[0]);
            }
        });
        return names;
    }
}
