package dev.rebound.scoring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/** Customer profiles, risk and lifecycle stages from the event stream. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ScoringApplication {

    /** Config lives in scoring.yaml so the four services can share one classpath without shadowing. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(ScoringApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "scoring"));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
