package dev.rebound.ingestion.infra.http;

class UnsupportedContentTypeException extends RuntimeException {

    UnsupportedContentTypeException(String message) {
        super(message);
    }
}
