package dev.rebound.contracts;

/** One validation problem: a JSON path into the event ({@code data.amount}) and what is wrong there. */
public record FieldError(String field, String message) {}
