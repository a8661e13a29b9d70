package dev.rebound.platform;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file and the Kubernetes manifests parse, and every environment variable they give a Rebound service
 * is one that service reads (a placeholder in its {@code <service>.yaml}), so a renamed setting cannot silently
 * stop applying. Secrets have no value in the repository: the manifests take them from files that are not in it.
 */
class DeploymentManifestsTest {

    private static final Path DEPLOY = Path.of("..");
    private static final List<String> SERVICES = List.of("ingestion", "scoring", "campaign", "billing-recovery");
    private static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS");

    @Test
    void composeGivesEachServiceOnlyWhatItReadsAndNoSecretValue() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("compose/docker-compose.yml")));
        Map<?, ?> services = (Map<?, ?>) compose.get("services");
        for (String service : SERVICES) {
            Map<?, ?> definition = (Map<?, ?>) services.get(service);
            assertThat(definition).as(service).isNotNull();
            Map<?, ?> environment = (Map<?, ?>) definition.get("environment");
            Set<String> reads = readBy(service);
            environment.forEach((name, value) -> {
                assertThat(reads).as(service + " reads " + name).contains(String.valueOf(name));
                if (String.valueOf(name).matches(".*(SECRET|TOKEN|PASSWORD|WEBHOOK).*")) {
                    assertThat(String.valueOf(value)).as(name + " comes from .env").startsWith("${");
                }
            });
            assertThat(((Map<?, ?>) ((Map<?, ?>) definition.get("build")).get("args")).get("SERVICE"))
                    .isEqualTo(service + "-service");
        }
        assertThat(services.keySet().stream().map(String::valueOf).toList())
                .contains("kafka", "mongo", "prometheus", "grafana", "mailpit");
    }

    @Test
    void kubernetesManifestsParseAndSetOnlyWhatTheServicesRead() throws IOException {
        List<Map<?, ?>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    assertThat(document).as(file.toString()).isInstanceOf(Map.class);
                    documents.add((Map<?, ?>) document);
                }
            }
        }
        Set<String> kinds = new TreeSet<>();
        for (Map<?, ?> document : documents) {
            kinds.add(String.valueOf(document.get("kind")));
            if (!"Deployment".equals(document.get("kind"))) {
                continue;
            }
            String service = String.valueOf(((Map<?, ?>) document.get("metadata")).get("name"));
            Map<?, ?> pod = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) document.get("spec")).get("template")).get("spec");
            Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).getFirst();
            Set<String> reads = readBy(service);
            for (Object entry : (List<?>) container.get("env")) {
                String name = String.valueOf(((Map<?, ?>) entry).get("name"));
                assertThat(reads).as(service + " reads " + name).contains(name);
                if (name.matches(".*(SECRET|TOKEN|PASSWORD|WEBHOOK|MONGODB_URI).*")) {
                    assertThat(((Map<?, ?>) entry).get("valueFrom")).as(name + " comes from the secret")
                            .asString().contains("secretKeyRef");
                }
            }
            assertThat(container.keySet().stream().map(String::valueOf).toList())
                    .contains("readinessProbe", "livenessProbe", "resources");
        }
        assertThat(kinds).contains("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler",
                "Kustomization");
        assertThat(documents.stream().filter(d -> "Deployment".equals(d.get("kind")))).hasSize(4);
        assertThat(Files.exists(DEPLOY.resolve("k8s/overlays/production/secrets.env")))
                .as("no secrets file in the repository").isFalse();
    }

    /** The environment variables a service's yaml reads (its placeholders), and the JVM's own. */
    private static Set<String> readBy(String service) throws IOException {
        String yaml = Files.readString(DEPLOY.resolve("../" + service + "-service/src/main/resources/" + service
                + ".yaml"));
        Set<String> names = new TreeSet<>(JVM);
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(yaml);
        while (placeholder.find()) {
            names.add(placeholder.group(1));
        }
        return names;
    }
}
