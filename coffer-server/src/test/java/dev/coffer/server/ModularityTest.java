package dev.coffer.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's features (customer, backupaccount, quota, apitoken, panel, ...) use each other only through their
 * base packages: an {@code internal} package belongs to its feature alone. Controllers stay out of the API of a
 * feature, and the REST API does not depend on the panel's pages.
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
    void controllersAreNotUsedByOtherClasses() {
        noClasses().should().dependOnClassesThat().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .because("REST controllers are entry points, not services")
                .check(server);
    }

    @Test
    void everythingIsReachedThroughDatabaseAccessInServicesNotControllers() {
        noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .because("controllers go through the services, which filter every query by customer")
                .check(server);
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
