package dev.rebound.campaign.infra.http;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /openapi.yaml}: this service's own API document (kept in the repo beside the code). */
@RestController
class OpenApiDocument {

    private static final Resource DOCUMENT = new ClassPathResource("openapi/campaign.yaml");

    @GetMapping(value = "/openapi.yaml", produces = "application/yaml")
    ResponseEntity<Resource> document() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml")).body(DOCUMENT);
    }
}
