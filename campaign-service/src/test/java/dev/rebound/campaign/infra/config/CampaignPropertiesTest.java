package dev.rebound.campaign.infra.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unsubscribe secret has no default anywhere: without a strong one campaign does not start. */
class CampaignPropertiesTest {

    @Test
    void aMissingBlankOrShortUnsubscribeSecretIsRefusedWithTheSettingNamed() {
        for (Map<String, String> settings : java.util.List.of(Map.<String, String>of(),
                Map.of("rebound.campaign.unsubscribe-secret", ""),
                Map.of("rebound.campaign.unsubscribe-secret", "short-secret"))) {
            assertThatThrownBy(() -> bind(settings)).as(settings.toString()).isInstanceOf(BindException.class)
                    .hasStackTraceContaining("unsubscribeSecret");
        }
    }

    @Test
    void aStrongSecretBinds() {
        assertThat(bind(Map.of("rebound.campaign.unsubscribe-secret", "x".repeat(32))).unsubscribeSecret())
                .hasSize(32);
    }

    private static CampaignProperties bind(Map<String, String> settings) {
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.afterPropertiesSet();
            return new Binder(new MapConfigurationPropertySource(settings))
                    .bindOrCreate("rebound.campaign", Bindable.of(CampaignProperties.class),
                            new ValidationBindHandler(validator));
        }
    }
}
