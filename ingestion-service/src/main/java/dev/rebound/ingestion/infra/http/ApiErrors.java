package dev.rebound.ingestion.infra.http;

import dev.rebound.ingestion.infra.config.IngestionProperties;
import dev.rebound.ingestion.intake.PublishUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps refusals to their status codes with a precise message. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private final IngestionProperties properties;

    ApiErrors(IngestionProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler
    ResponseEntity<ApiError> badRequest(BadRequestException e) {
        return ResponseEntity.badRequest().body(new ApiError(e.code(), e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(new ApiError("too_large", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unsupported(UnsupportedContentTypeException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new ApiError("unsupported_media_type", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .body(new ApiError("rate_limited", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> unavailable(PublishUnavailableException e) {
        log.warn("events refused, Kafka unavailable: {}", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(properties.retryAfter().toSeconds()))
                .body(new ApiError("unavailable", "the event log is unavailable; nothing was accepted, retry later"));
    }
}
