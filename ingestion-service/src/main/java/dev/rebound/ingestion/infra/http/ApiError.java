package dev.rebound.ingestion.infra.http;

/** The body of every error that is not a per-event rejection. */
record ApiError(String error, String message) {}
