package dev.rebound.ingestion;

import dev.rebound.testsupport.TestInfra;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One ingestion context on the shared broker and store, reused by every integration test class. */
@AutoConfigureMetrics
@AutoConfigureTracing
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ingestion", "rebound.security.api-keys[1].tenant=acme",
                "rebound.security.api-keys[1].sha256=27dd291d1f95f8f1270fbbb04822867866ca1909d3b330f6c9a0f685f8f6dcb0", // rb_test_key
                "rebound.ingestion.stripe.endpoint-secrets.acme=" + IngestionTestContext.STRIPE_SECRET,
                "rebound.security.api-keys[0].tenant=slow",
                "rebound.security.api-keys[0].sha256=056b994c849027de55b290e1785032f82380f07a6bf042170130522f7a2772e7",
                "rebound.ingestion.tenant-rate-limits.slow=3",
                "rebound.security.admin-token-sha256=692c1b5a08096595fac4dc64e63c6a3368bffa317eaa762cc3cdad0ddd4ee18d" /* rb_admin_test */})
public abstract class IngestionTestContext {

    public static final String KEY = "rb_test_key";
    public static final String STRIPE_SECRET = "whsec_test_acme";
    /** A second tenant, limited to 3 events per second. */
    public static final String SLOW_KEY = "rb_slow_key";
    public static final String ADMIN_TOKEN = "rb_admin_test";
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.register(registry, "ingestion");
    }

    protected HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
