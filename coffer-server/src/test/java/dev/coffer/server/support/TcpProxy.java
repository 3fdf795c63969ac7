package dev.coffer.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a port of its own to a server on this machine, which a test can cut (the port refuses connections
 * and every open connection is closed, as when the server stops) and restore (on the same port, as when the server
 * is back). Lets a client see its server go away and come back while the server's Spring context keeps running.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and closes the open ones. */
    public synchronized void cut() {
        closeQuietly(listener);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections on the same port again. */
    public synchronized void restore() {
        if (!listener.isClosed()) {
            return;
        }
        listener = listen(port);
        accept(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    private void accept(ServerSocket server) {
        daemon("tcp-proxy-" + port, () -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    continue; // closed by cut()
                }
                try {
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(upstream);
                    if (server.isClosed()) { // cut while this one was being connected
                        closeQuietly(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    closeQuietly(client); // the target refused: the client sees its connection end
                }
            }
        });
    }

    private void pipe(Socket from, Socket to) {
        daemon("tcp-proxy-pipe", () -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
