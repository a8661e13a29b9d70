package dev.rebound.campaign;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/** Playbooks that turn lifecycle, risk and recovery events into messages. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CampaignApplication {

    /** Config lives in campaign.yaml so the four services can share one classpath without shadowing. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(CampaignApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "campaign"));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
