package dev.rebound.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy in front of an SMTP server that, when armed, drops the connection (RST) as soon as the client starts
 * sending a message's body after {@code DATA}: what the server sees when the sending process dies mid-send.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean cut = new AtomicBoolean();

    CuttingProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("cutting-proxy").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void armCutMidBody() {
        armed.set(true);
    }

    boolean cutOne() {
        return cut.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket("127.0.0.1", targetPort);
                Thread.ofPlatform().daemon().start(() -> pump(upstream, client, false));
                Thread.ofPlatform().daemon().start(() -> pump(client, upstream, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer) {
        byte[] buffer = new byte[8192];
        boolean afterData = false;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (clientToServer && afterData && armed.compareAndSet(true, false)) {
                    // the body's first bytes never arrive: the sender "dies", the transaction is aborted
                    out.write(buffer, 0, Math.min(n, 16));
                    out.flush();
                    // marked before the reset: the sender sees its connection die only after this is true
                    cut.set(true);
                    reset(from);
                    reset(to);
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
                if (clientToServer && new String(buffer, 0, n, StandardCharsets.US_ASCII).startsWith("DATA")) {
                    afterData = true;
                }
            }
        } catch (IOException e) {
            // the other side went away
        } finally {
            close(from);
            close(to);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
