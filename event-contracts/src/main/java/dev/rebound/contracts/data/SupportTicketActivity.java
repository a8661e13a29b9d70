package dev.rebound.contracts.data;

/** support.ticket_opened, support.ticket_replied and support.ticket_closed share this shape. */
public record SupportTicketActivity(String ticketId, String priority, String by) implements EventData {}
