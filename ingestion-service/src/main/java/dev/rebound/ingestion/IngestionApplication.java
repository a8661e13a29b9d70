package dev.rebound.ingestion;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** The front door: takes CloudEvents over HTTP, validates them and publishes them to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestionApplication {

    /** Config lives in ingestion.yaml so the four services can share one classpath without shadowing. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(IngestionApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "ingestion"));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
