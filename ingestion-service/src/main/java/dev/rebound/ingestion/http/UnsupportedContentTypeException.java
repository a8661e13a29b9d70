package dev.rebound.ingestion.http;

class UnsupportedContentTypeException extends RuntimeException {

    UnsupportedContentTypeException(String message) {
        super(message);
    }
}
