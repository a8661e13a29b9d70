package dev.rebound.ingestion.intake;

import dev.rebound.contracts.FieldError;

import java.util.List;

/** What became of a request: how many events were accepted, and why each other one was not. */
public record IntakeResult(int accepted, List<Rejection> rejected) {

    public record Rejection(int index, String id, List<FieldError> errors) {}

    public boolean nothingAccepted() {
        return accepted == 0;
    }
}
