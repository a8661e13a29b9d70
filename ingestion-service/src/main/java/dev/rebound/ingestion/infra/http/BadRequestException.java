package dev.rebound.ingestion.infra.http;

class BadRequestException extends RuntimeException {

    private final String code;

    BadRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
