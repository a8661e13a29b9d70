package dev.rebound.campaign;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.rebound.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.mainClasses("dev.rebound.campaign");

    @Test
    void domainKnowsNoSpringKafkaOrMongo() {
        ArchitectureRules.domainIsPlainJava("dev.rebound.campaign").check(classes);
    }

    @Test
    void featureSlicesAreFreeOfCycles() {
        ArchitectureRules.featureSlicesAreFreeOfCycles("dev.rebound.campaign").check(classes);
    }

    @Test
    void noStringBuiltQueriesOrScriptOperators() {
        ArchitectureRules.noStringOrScriptQueries().check(classes);
        assertThat(ArchitectureRules.scriptOperatorMentions(Path.of(""))).isEmpty();
    }
}
