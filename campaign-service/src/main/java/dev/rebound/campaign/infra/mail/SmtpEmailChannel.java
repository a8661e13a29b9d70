package dev.rebound.campaign.infra.mail;

import dev.rebound.campaign.message.ChannelUnavailable;
import dev.rebound.campaign.message.EmailChannel;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.nio.charset.StandardCharsets;

/** Email over SMTP with RFC 8058 one-click unsubscribe headers and a stable Message-ID. */
public class SmtpEmailChannel implements EmailChannel {

    private final JavaMailSender mail;
    private final String from;

    public SmtpEmailChannel(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(Email email) {
        try {
            MimeMessage message = new StableIdMessage(mail.createMimeMessage().getSession(),
                    "<" + email.messageId() + "@rebound>");
            message.setFrom(new InternetAddress(from));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(email.to()));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setText(email.body() + "\n\n--\nUnsubscribe: " + email.unsubscribe(), StandardCharsets.UTF_8.name());
            message.setHeader("List-Unsubscribe", "<" + email.unsubscribe() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            if (email.traceparent() != null) {
                message.setHeader("traceparent", email.traceparent());
            }
            mail.send(message);
        } catch (org.springframework.mail.MailException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (e instanceof org.springframework.mail.MailSendException send) {
                for (Exception failed : send.getFailedMessages().values()) {
                    for (Throwable c = failed; c != null; c = c instanceof MessagingException m && m.getNextException()
                            != null ? m.getNextException() : c.getCause()) {
                        cause = c;
                    }
                }
            }
            // the server could not be reached: no transaction began, nothing was sent
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.NoRouteToHostException) {
                throw new ChannelUnavailable("SMTP server unreachable: " + cause.getClass().getSimpleName(), e);
            }
            throw e;
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build email " + email.messageId(), e);
        }
    }

    /** Keeps our Message-ID instead of the random one JavaMail assigns on save. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
