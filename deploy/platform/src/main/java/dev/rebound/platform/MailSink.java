package dev.rebound.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * An SMTP sink (GreenMail) that accepts every mail, plus a small HTTP view of what arrived:
 * {@code GET /} lists messages as JSON, {@code GET /messages/{n}} shows one as raw RFC 822 text. Mail shown
 * there is also copied under {@code <data>/mail/} as .eml files, which outlive a restart (the list does not).
 */
final class MailSink implements AutoCloseable {

    private final GreenMail smtp;
    private final HttpServer viewer;
    private final Path mailDir;

    private MailSink(GreenMail smtp, HttpServer viewer, Path mailDir) {
        this.smtp = smtp;
        this.viewer = viewer;
        this.mailDir = mailDir;
    }

    static MailSink start(Path dataDir, int smtpPort, int httpPort) throws IOException {
        Path mailDir = dataDir.resolve("mail");
        Files.createDirectories(mailDir);
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        HttpServer viewer = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        viewer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        MailSink sink = new MailSink(smtp, viewer, mailDir);
        viewer.createContext("/", sink::serve);
        viewer.start();
        return sink;
    }

    int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    String viewerUrl() {
        return "http://127.0.0.1:" + viewer.getAddress().getPort() + "/";
    }

    List<MimeMessage> received() {
        return List.of(smtp.getReceivedMessages());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            MimeMessage[] messages = smtp.getReceivedMessages();
            archive(messages);  // a copy on disk of everything shown, named by Message-ID
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/messages/")) {
                int index = Integer.parseInt(path.substring("/messages/".length()));
                if (index < 0 || index >= messages.length) {
                    send(exchange, 404, "text/plain", "no message " + index);
                    return;
                }
                var out = new java.io.ByteArrayOutputStream();
                messages[index].writeTo(out);
                send(exchange, 200, "message/rfc822; charset=utf-8", out.toString(StandardCharsets.UTF_8));
                return;
            }
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < messages.length; i++) {
                MimeMessage m = messages[i];
                json.append(i == 0 ? "" : ",").append("{\"n\":").append(i)
                        .append(",\"to\":\"").append(escape(String.valueOf(m.getAllRecipients()[0])))
                        .append("\",\"subject\":\"").append(escape(m.getSubject()))
                        .append("\",\"view\":\"/messages/").append(i).append("\"}");
            }
            send(exchange, 200, "application/json; charset=utf-8", json.append("]").toString());
        } catch (jakarta.mail.MessagingException | NumberFormatException e) {
            send(exchange, 400, "text/plain", e.getMessage());
        }
    }

    private void archive(MimeMessage[] messages) throws IOException, jakarta.mail.MessagingException {
        for (MimeMessage message : messages) {
            String id = String.valueOf(message.getMessageID()).replaceAll("[^A-Za-z0-9@._-]", "");
            Path file = mailDir.resolve(id + ".eml");
            if (!Files.exists(file)) {
                try (OutputStream out = Files.newOutputStream(file)) {
                    message.writeTo(out);
                }
            }
        }
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        viewer.stop(0);
        smtp.stop();
    }
}
