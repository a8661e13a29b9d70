package dev.rebound.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboards and alert rules in deploy/, evaluated by Debian's Prometheus server scraping a running platform. */
final class RealPrometheus {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RealPrometheus() {
    }

    /**
     * Debian's Prometheus server (installed by .ci/run) scrapes the running platform and loads the alert rules: every
     * dashboard query must answer with series, every rule must evaluate without error and every metric it reads must
     * have series. Skipped, saying so, where no {@code prometheus} binary is installed.
     */
    static void prove(Platform platform, Path workDir) throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        if (!java.nio.file.Files.isExecutable(binary)) {
            System.out.println("NOTICE: no /usr/bin/prometheus here (.ci/run installs it): dashboards and alerts not"
                    + " evaluated on a real Prometheus in this run");
            return;
        }
        Path dir = java.nio.file.Files.createTempDirectory(workDir, "prometheus");
        Path rules = Path.of("..", "prometheus", "alerts.yml").toAbsolutePath().normalize();
        StringBuilder config = new StringBuilder("global: {scrape_interval: 2s, scrape_timeout: 2s, evaluation_interval: 1s}\n"
                + "rule_files: ['" + rules + "']\nscrape_configs:\n");
        for (String service : List.of("ingestion", "scoring", "campaign", "billing-recovery")) {
            config.append("  - job_name: rebound-").append(service).append("\n    metrics_path: /actuator/prometheus\n")
                    .append("    static_configs: [{targets: ['127.0.0.1:").append(platform.port(service)).append("']}]\n");
        }
        java.nio.file.Files.writeString(dir.resolve("prometheus.yml"), config);
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            String api = "http://127.0.0.1:" + port + "/api/v1/";
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> HTTP.send(HttpRequest.newBuilder(
                    URI.create(api + "query?query=up")).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .contains("rebound-billing-recovery"));
            var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
            // a few successful scrapes of every service, so rates and increases have two samples at least
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mapper.readTree(query(api,
                    "sum_over_time(up[1m]) >= 4")).path("data").path("result").size())
                    .as("every service scraped: %s", HTTP.send(HttpRequest.newBuilder(URI.create(api + "targets"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body().replaceAll("\"discoveredLabels\":\\{[^}]*},", ""))
                    .isEqualTo(4));
            int panels = 0;
            for (String dashboard : List.of("rebound-platform.json", "rebound-retention.json")) {
                var json = mapper.readTree(java.nio.file.Files.readString(Path.of("..", "grafana", dashboard)));
                for (var panel : json.path("panels")) {
                    for (var target : panel.path("targets")) {
                        String expr = target.path("expr").asString().replace("$tenant", ".*");
                        var answer = mapper.readTree(query(api, expr));
                        assertThat(answer.path("status").asString()).as(dashboard + ": " + expr).isEqualTo("success");
                        assertThat(answer.path("data").path("result").size()).as(dashboard + " returns series: " + expr)
                                .isPositive();
                    }
                    panels++;
                }
            }
            assertThat(panels).isEqualTo(20);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var groups = mapper.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(api + "rules")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("data").path("groups");
                List<String> evaluated = new java.util.ArrayList<>();
                for (var group : groups) {
                    for (var rule : group.path("rules")) {
                        assertThat(rule.path("health").asString()).as(rule.path("name").asString() + ": "
                                + rule.path("lastError").asString()).isEqualTo("ok");
                        evaluated.add(rule.path("name").asString());
                        for (String metric : metricsIn(rule.path("query").asString())) {
                            assertThat(mapper.readTree(query(api, "count(" + metric + ")")).path("data").path("result")
                                    .size()).as(rule.path("name").asString() + " reads " + metric).isPositive();
                        }
                    }
                }
                assertThat(evaluated).hasSize(7);
            });
        } finally {
            prometheus.destroy();
            prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static String query(String api, String expr) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api + "query?query="
                + java.net.URLEncoder.encode(expr, java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }


    /** The metric names in a PromQL expression: what is left after labels, ranges, grouping and functions. */
    static Set<String> metricsIn(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> keywords = Set.of("and", "or", "unless", "bool", "offset");
        Set<String> names = new TreeSet<>();
        var matcher = java.util.regex.Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?").matcher(bare);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (matcher.group(2) == null && !keywords.contains(name) && !"up".equals(name)) {
                names.add(name);
            }
        }
        return names;
    }

}
