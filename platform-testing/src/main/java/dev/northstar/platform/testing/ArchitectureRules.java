package dev.northstar.platform.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layering every service keeps, checked on its compiled classes: the domain is plain Java (the JDK with its cryptography, the shared
 * contracts and itself: no Quarkus, Jakarta, Jackson, Hibernate, SQL or Kafka), and nothing below the API depends on it.
 */
public final class ArchitectureRules {

    /** Checks the service whose packages start with {@code basePackage} (e.g. {@code dev.northstar.roadmap}). */
    public static void check(String basePackage) {
        JavaClasses service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        domainIsPlainJava(basePackage).check(service);
        nothingBelowTheApiDependsOnIt(basePackage).check(service);
    }

    static ArchRule domainIsPlainJava(String basePackage) {
        return classes().that().resideInAPackage(basePackage + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", basePackage + ".domain..", "dev.northstar.contracts..")
                .because("the domain decides with plain Java; frameworks live in application, api and readmodel");
    }

    static ArchRule nothingBelowTheApiDependsOnIt(String basePackage) {
        return noClasses().that().resideInAnyPackage(basePackage + ".domain..", basePackage + ".application..",
                        basePackage + ".readmodel..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".api..")
                .because("HTTP shapes are the API's; commands and queries are reused by consumers and tools");
    }

    private ArchitectureRules() {
    }
}
