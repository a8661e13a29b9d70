package dev.rebound.ingestion.infra.http;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Locale;

/** Reading an events request: which CloudEvents mode it is in, and its body within the size limit. */
final class EventsRequest {

    static final MediaType CLOUDEVENTS = MediaType.parseMediaType("application/cloudevents+json");
    static final MediaType CLOUDEVENTS_BATCH = MediaType.parseMediaType("application/cloudevents-batch+json");
    private static final String CE_PREFIX = "ce-";

    enum Kind { SINGLE, BATCH, SINGLE_OR_BATCH, BINARY }

    private EventsRequest() {
    }

    static Kind kindOf(HttpServletRequest request) {
        MediaType type = contentType(request);
        if (request.getHeader("ce-specversion") != null) {
            if (!MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
                throw new UnsupportedContentTypeException("binary-mode CloudEvents need JSON data "
                        + "(Content-Type: application/json)");
            }
            return Kind.BINARY;
        }
        if (CLOUDEVENTS.equalsTypeAndSubtype(type)) {
            return Kind.SINGLE;
        }
        if (CLOUDEVENTS_BATCH.equalsTypeAndSubtype(type)) {
            return Kind.BATCH;
        }
        if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            return Kind.SINGLE_OR_BATCH;
        }
        throw new UnsupportedContentTypeException("use application/cloudevents+json, "
                + "application/cloudevents-batch+json, application/json, or binary mode with ce-* headers");
    }

    private static MediaType contentType(HttpServletRequest request) {
        String header = request.getContentType();
        if (header == null) {
            throw new UnsupportedContentTypeException("Content-Type is missing");
        }
        try {
            MediaType type = MediaType.parseMediaType(header);
            String charset = type.getParameter("charset");
            if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
                throw new UnsupportedContentTypeException("only UTF-8 is accepted, not " + charset);
            }
            return type;
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedContentTypeException("unreadable Content-Type: " + header);
        }
    }

    /** Reads at most {@code limit} bytes; a longer body is refused without reading it all. */
    static byte[] readBody(HttpServletRequest request, long limit) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new PayloadTooLargeException("the body is larger than " + limit + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw new PayloadTooLargeException("the body is larger than " + limit + " bytes");
            }
            return body;
        }
    }

    /** Binary mode: the attributes are ce-* headers and the body is the event's data. */
    static JsonNode fromBinaryMode(HttpServletRequest request, JsonNode data) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(CE_PREFIX) && lower.length() > CE_PREFIX.length()) {
                event.put(lower.substring(CE_PREFIX.length()), request.getHeader(name));
            }
        }
        event.put("datacontenttype", MediaType.APPLICATION_JSON_VALUE);
        event.set("data", data);
        return event;
    }
}
