package dev.rebound.campaign.infra.mail;

import dev.rebound.campaign.message.ChannelUnavailable;
import dev.rebound.campaign.message.EmailChannel;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.nio.charset.StandardCharsets;

/**
 * Email over SMTP with RFC 8058 one-click unsubscribe headers and a stable Message-ID. Connections are kept and reused
 * (one per sender working side by side, as a mail relay does): a message costs its envelope and data, not a new
 * connection, greeting and {@code EHLO} each. A connection is closed after {@value #MAX_PER_CONNECTION} messages, when
 * it was idle for longer than {@link #MAX_IDLE} (before the server's own idle timeout), and after any failure; one idle
 * for more than a second is checked with a {@code NOOP} before it is used.
 */
public class SmtpEmailChannel implements EmailChannel, AutoCloseable {

    /** Messages sent over one connection before it is closed (servers limit it too; a fresh one is opened). */
    static final int MAX_PER_CONNECTION = 100;
    /** A connection idle for longer is closed rather than reused. */
    static final java.time.Duration MAX_IDLE = java.time.Duration.ofSeconds(10);

    /**
     * Jakarta Mail looks its stream provider up for every part it encodes ({@code StreamProvider.provider()}, a
     * {@code ServiceLoader} scan of the whole class path each time: jakartaee/mail-api#861); named in the system
     * property the lookup reads first, it is a loaded class's constructor instead. Left alone when the property is
     * set or Angus is not the implementation on the class path.
     */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(STREAM_PROVIDER) == null) {
            try {
                Class.forName(angus, false, SmtpEmailChannel.class.getClassLoader());
                System.setProperty(STREAM_PROVIDER, angus);
            } catch (ClassNotFoundException notAngus) {
                // another implementation: its own lookup as it comes
            }
        }
    }

    private final JavaMailSenderImpl mail;
    private final String from;
    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** A connection idle for longer is checked ({@code NOOP}) before it is reused. */
    private final java.time.Duration checkIdleAfter;

    public SmtpEmailChannel(JavaMailSenderImpl mail, String from) {
        this(mail, from, java.time.Duration.ofSeconds(1));
    }

    SmtpEmailChannel(JavaMailSenderImpl mail, String from, java.time.Duration checkIdleAfter) {
        this.mail = mail;
        this.from = from;
        this.checkIdleAfter = checkIdleAfter;
    }

    private record Connection(Transport transport, long idleSince, int sent) {}

    @Override
    public void send(Email email) {
        // the provider named above is loaded through the thread's context class loader: this class's, which has it
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpEmailChannel.class.getClassLoader());
        try {
            sendOver(email);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private void sendOver(Email email) {
        MimeMessage message;
        try {
            message = new StableIdMessage(mail.getSession(), "<" + email.messageId() + "@rebound>");
            message.setFrom(new InternetAddress(from));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(email.to()));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setText(email.body() + "\n\n--\nUnsubscribe: " + email.unsubscribe(), StandardCharsets.UTF_8.name());
            message.setHeader("List-Unsubscribe", "<" + email.unsubscribe() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            if (email.traceparent() != null) {
                message.setHeader("traceparent", email.traceparent());
            }
            message.setSentDate(new java.util.Date());
            message.saveChanges();
        } catch (MessagingException e) {
            throw new IllegalStateException("could not build email " + email.messageId(), e);
        }
        Connection connection = take();
        try {
            connection.transport().sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            // whatever state the conversation is in now, it is not reused; nor are the others kept from before the
            // failure (a server that went away took them all): the next message connects afresh, and finds out
            close(connection.transport());
            closeIdle();
            throw new MailSendException("could not send email " + email.messageId() + ": " + e.getMessage(), e);
        }
        if (connection.sent() + 1 < MAX_PER_CONNECTION && !closed) {
            idle.push(new Connection(connection.transport(), System.nanoTime(), connection.sent() + 1));
            if (closed) { // closed meanwhile
                closeIdle();
            }
        } else {
            close(connection.transport());
        }
    }

    private volatile boolean closed;

    /**
     * Closes the kept connections (each holds a thread for its write timeout until closed, which would keep the JVM
     * from exiting); a send after this closes its own connection when done.
     */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        for (Connection connection; (connection = idle.poll()) != null; ) {
            close(connection.transport());
        }
    }

    /** The most recently used open connection, or a new one. */
    private Connection take() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            long idleFor = System.nanoTime() - connection.idleSince();
            // a server restarted between two bursts closed its end: found out here, not by failing a message
            if (idleFor <= MAX_IDLE.toNanos()
                    && (idleFor < checkIdleAfter.toNanos() || connection.transport().isConnected())) {
                return connection;
            }
            close(connection.transport());
        }
        try {
            Transport transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
            transport.connect(mail.getHost(), mail.getPort(), blankToNull(mail.getUsername()),
                    blankToNull(mail.getPassword()));
            return new Connection(transport, System.nanoTime(), 0);
        } catch (jakarta.mail.AuthenticationFailedException e) {
            throw new org.springframework.mail.MailAuthenticationException(e);
        } catch (MessagingException e) {
            // the server could not be reached: no transaction began, nothing was sent
            for (Throwable cause = e; cause != null; cause = cause instanceof MessagingException m
                    && m.getNextException() != null ? m.getNextException() : cause.getCause()) {
                if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                        || cause instanceof java.net.NoRouteToHostException) {
                    throw new ChannelUnavailable("SMTP server unreachable: " + cause.getClass().getSimpleName(), e);
                }
            }
            throw new MailSendException("could not connect to the SMTP server: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is dropped either way
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
