package dev.rebound.ingestion.infra.config;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TomcatConfig {

    /**
     * Answer "100 Continue" only when the body is actually read: a request refused on its headers (413 on
     * Content-Length, 401, 415) is answered before the client uploads the body.
     */
    @Bean
    TomcatConnectorCustomizer continueOnRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
