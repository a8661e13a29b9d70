package dev.rebound.campaign.infra.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rebound.campaign.message.ChannelUnavailable;
import dev.rebound.campaign.message.EmailChannel;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kept connections change nothing a recipient or an operator sees: every mail arrives once with its headers, a mail
 * server restarted between sends still gets the next one, and a server that is down is reported as unavailable.
 */
class SmtpEmailChannelTest {

    private final List<GreenMail> servers = new ArrayList<>();
    private final int port = freePort();

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private GreenMail startServer() {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        servers.add(server);
        return server;
    }

    @AfterEach
    void stop() {
        servers.forEach(GreenMail::stop);
    }

    private SmtpEmailChannel channel(Duration checkIdleAfter) {
        return channel(checkIdleAfter, new java.util.Properties());
    }

    private SmtpEmailChannel channel(Duration checkIdleAfter, java.util.Properties properties) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.getJavaMailProperties().putAll(properties);
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        mail.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        mail.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        return new SmtpEmailChannel(mail, "Rebound <noreply@rebound.local>", checkIdleAfter);
    }

    private static EmailChannel.Email email(int i) {
        return new EmailChannel.Email("msg-" + i, "cus" + i + "@example.com", "Subject " + i, "Body " + i,
                "http://localhost/u/" + i, null);
    }

    @Test
    void manyMailsOverKeptConnectionsEachArriveOnceWithTheirOwnHeaders() throws Exception {
        GreenMail server = startServer();
        SmtpEmailChannel channel = channel(Duration.ofSeconds(1));
        int count = SmtpEmailChannel.MAX_PER_CONNECTION + 20; // past one connection's limit
        for (int i = 0; i < count; i++) {
            channel.send(email(i));
        }
        MimeMessage[] received = server.getReceivedMessages();
        assertThat(received).hasSize(count);
        for (int i = 0; i < count; i++) {
            MimeMessage m = received[i];
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("cus" + i + "@example.com");
            assertThat(m.getSubject()).isEqualTo("Subject " + i);
            assertThat(m.getMessageID()).isEqualTo("<msg-" + i + "@rebound>");
            assertThat(m.getHeader("List-Unsubscribe")).containsExactly("<http://localhost/u/" + i + ">");
        }
    }

    @Test
    void aMailServerRestartedBetweenTwoSendsStillGetsTheNextOne() {
        GreenMail first = startServer();
        SmtpEmailChannel channel = channel(Duration.ZERO); // check every kept connection before reuse
        channel.send(email(1));
        assertThat(first.getReceivedMessages()).hasSize(1);
        first.stop();

        GreenMail second = startServer();
        channel.send(email(2));
        assertThat(second.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aMailServerThatIsDownIsReportedUnavailableAndTheNextSendWorksOnceItIsBack() {
        GreenMail server = startServer();
        SmtpEmailChannel channel = channel(Duration.ZERO);
        channel.send(email(1));
        server.stop();

        assertThatThrownBy(() -> channel.send(email(2))).isInstanceOf(ChannelUnavailable.class)
                .hasMessageContaining("SMTP server unreachable");

        GreenMail back = startServer();
        channel.send(email(3));
        assertThat(back.getReceivedMessages()).hasSize(1);
    }

    @Test
    void closingTheChannelEndsItsKeptConnectionsSoTheServiceCanExit() {
        startServer();
        java.util.Set<Thread> before = nonDaemonThreads();
        java.util.Properties writeTimeout = new java.util.Properties();
        writeTimeout.put("mail.smtp.writetimeout", "10000"); // as campaign.yaml sets it: a timer thread per connection
        SmtpEmailChannel channel = channel(Duration.ofSeconds(1), writeTimeout);
        channel.send(email(1));
        assertThat(nonDaemonThreads()).as("the kept connection's timer").hasSizeGreaterThan(before.size());

        channel.close();

        org.awaitility.Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(before).containsAll(nonDaemonThreads()));
    }

    private static java.util.Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon())
                .collect(java.util.stream.Collectors.toSet());
    }
}
