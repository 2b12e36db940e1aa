package dev.northstar.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between an application and a server (its database, say) that a test can cut and restore, to see
 * what the application does while the server is unreachable: while cut, every open connection is closed and new
 * ones are refused, as when the server is down. Controlled by a system property ({@link #cut}, {@link #restore}),
 * so that a test in another class loader than the test resource that made the link can use it.
 */
public final class NetworkLink implements AutoCloseable {
    private static final String STATE = "northstar.test.link.%s.cut";

    private final String name;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread supervisor;
    private volatile ServerSocket listener;
    private volatile boolean closed;

    public NetworkLink(String name, int targetPort) {
        this.name = name;
        this.targetPort = targetPort;
        try {
            this.listener = listen(0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the " + name + " link", e);
        }
        this.port = listener.getLocalPort();
        Thread.ofPlatform().name("link-" + name + "-accept").daemon().start(this::accept);
        this.supervisor = Thread.ofPlatform().name("link-" + name).daemon().start(this::supervise);
    }

    /** The port the application connects to instead of the server's. */
    public int port() {
        return port;
    }

    public static void cut(String name) {
        System.setProperty(STATE.formatted(name), "true");
    }

    public static void restore(String name) {
        System.clearProperty(STATE.formatted(name));
    }

    private boolean isCut() {
        return Boolean.getBoolean(STATE.formatted(name));
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
        return socket;
    }

    private void supervise() {
        boolean wasCut = false;
        while (!closed) {
            boolean cut = isCut();
            try {
                if (cut) {
                    listener.close();
                    open.forEach(NetworkLink::quietlyClose);
                } else if (!cut && wasCut) {
                    listener = listen(port);
                    Thread.ofPlatform().name("link-" + name + "-accept").daemon().start(this::accept);
                }
                wasCut = cut;
                Thread.sleep(20);
            } catch (IOException e) {
                // the port may still be in TIME_WAIT: try again on the next round
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void accept() {
        ServerSocket socket = listener;
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                // forward small writes (a query, its answer) at once, as a direct connection would
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // closed by a cut, or the server is gone: the client sees a refused or closed connection
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                quietlyClose(from);
                quietlyClose(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        supervisor.interrupt();
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        open.forEach(NetworkLink::quietlyClose);
    }
}
