package dev.rebound.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules every service keeps: domain logic free of Spring, Kafka and MongoDB; and no MongoDB query built
 * from strings or script operators (Spring Data MongoDB 5.0.0-5.0.8 is affected by CVE-2026-59342 there, and
 * the fixed release is not on Maven Central yet).
 */
public final class ArchitectureRules {

    private static final List<String> SCRIPT_OPERATORS = List.of("$where", "$function", "$accumulator");

    private ArchitectureRules() {
    }

    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /**
     * The domain is every package of the service except its root (the application entry point) and its
     * {@code infra} tree: there it knows no Spring, Kafka, MongoDB or servlet types and nothing of {@code infra}.
     * The boundary is the package; no class is exempt by name.
     */
    public static ArchRule domainIsPlainJava(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..")
                .and().resideOutsideOfPackages(basePackage, basePackage + ".infra..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "com.mongodb..", "org.bson..", "jakarta.servlet..", "io.micrometer..",
                        "io.github.resilience4j..", basePackage + ".infra..")
                .because("domain logic is plain Java; adapters live under " + basePackage + ".infra");
    }

    /** Feature packages (and the infra tree) depend on each other in one direction only. */
    public static ArchRule featureSlicesAreFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").should().beFreeOfCycles();
    }

    public static ArchRule noStringOrScriptQueries() {
        return noClasses().should().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.data.mongodb.core.aggregation.ScriptOperators")
                .orShould().dependOnClassesThat().haveNameMatching(
                        "org\\.springframework\\.data\\.mongodb\\.core\\.aggregation\\.ScriptOperators\\$.*")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.data.mongodb.core.query.BasicQuery")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.data.mongodb.core.query.BasicUpdate")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.data.mongodb.repository.Query")
                .because("CVE-2026-59342: no string-built queries or script operators");
    }

    /** Source files under {@code src/main} that mention a MongoDB script operator. */
    public static List<String> scriptOperatorMentions(Path moduleDir) {
        try (Stream<Path> files = Files.walk(moduleDir.resolve("src/main"))) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    String text = Files.readString(f);
                    return SCRIPT_OPERATORS.stream().anyMatch(text::contains);
                } catch (IOException e) {
                    return false; // binary resource
                }
            }).map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
