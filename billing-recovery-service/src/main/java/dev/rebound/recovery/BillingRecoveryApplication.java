package dev.rebound.recovery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/** Recovers failed payments: classifies declines, retries on a schedule, asks for new cards. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BillingRecoveryApplication {

    /** Config lives in billing-recovery.yaml so the four services can share one classpath without shadowing. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(BillingRecoveryApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "billing-recovery"));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
