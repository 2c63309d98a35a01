package io.ecsbox.host.console;

import io.ecsbox.agent.ConsoleGate;
import io.ecsbox.host.libvirt.InstancePaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consoles' WebSocket proxy: {@code GET /websockify/?s=TICKET} upgrades to a WebSocket when the
 * {@link ConsoleGate} takes the one-time ticket, then relays bytes both ways between it and the
 * instance's VNC or serial unix socket ({@link InstancePaths}). A refused ticket gets HTTP 403 and
 * no WebSocket. Only one client at a time can hold a guest's serial socket (QEMU's chardev).
 */
public final class ConsoleProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsoleProxy.class);
  /** The path ECS's VNC URLs have; the ticket is its {@code s} parameter. */
  public static final String PATH = "/websockify/";
  private static final Pattern TICKET = Pattern.compile("^" + PATH + "?\\?(?:.*&)?s=([A-Za-z0-9_-]{16,128})(?:&.*)?$");

  private final Server server;
  private final CountDownLatch started = new CountDownLatch(1);

  /**
   * Binds {@code bind} (port 0: any free port) and serves until {@link #close}; over TLS when {@code tls} is present.
   *
   * @throws IOException when the address cannot be bound within 10 seconds
   */
  public ConsoleProxy(InetSocketAddress bind, Optional<SSLContext> tls, ConsoleGate gate, Path dataDir)
      throws IOException {
    server = new Server(bind, gate, dataDir);
    tls.ifPresent(c -> server.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(c)));
    server.setReuseAddr(true);
    server.setDaemon(true);
    server.setConnectionLostTimeout(60); // ECS's 60-second keepalive
    server.start();
    try {
      if (!started.await(10, TimeUnit.SECONDS) || server.failure != null) {
        close();
        throw new IOException("console proxy: cannot listen on " + bind
            + (server.failure == null ? "" : ": " + server.failure.getMessage()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    try {
      server.stop(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The ticket in a WebSocket request's path and query, if it has one of our shape. */
  static Optional<String> ticket(String resource) {
    Matcher m = TICKET.matcher(resource == null ? "" : resource);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private final class Server extends WebSocketServer {
    private final ConsoleGate gate;
    private final Path dataDir;
    private volatile Exception failure;

    Server(InetSocketAddress bind, ConsoleGate gate, Path dataDir) {
      super(bind);
      this.gate = gate;
      this.dataDir = dataDir;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
        ClientHandshake request) throws InvalidDataException {
      ServerHandshakeBuilder b = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
      ConsoleGate.Target target = ticket(request.getResourceDescriptor()).flatMap(gate::connect)
          .orElseThrow(() -> new InvalidDataException(CloseFrame.POLICY_VALIDATION,
              "this console URL is unknown, used or expired"));
      conn.setAttachment(target);
      return b;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      ConsoleGate.Target t = conn.getAttachment();
      InstancePaths paths = InstancePaths.of(dataDir, t.instanceId());
      Path socket = t.kind() == ConsoleGate.Kind.VNC ? paths.vncSocket() : paths.serialSocket();
      try {
        SocketChannel guest = SocketChannel.open(StandardProtocolFamily.UNIX);
        guest.connect(UnixDomainSocketAddress.of(socket));
        conn.setAttachment(new Relay(t, guest));
        Thread pump = new Thread(() -> pump(conn, guest), "console-" + t.instanceId());
        pump.setDaemon(true);
        pump.start();
        log.info("console: {} {} opened from {}", t.instanceId(), t.kind(), conn.getRemoteSocketAddress());
      } catch (IOException e) {
        log.warn("console: {} {}: cannot connect to {}: {}", t.instanceId(), t.kind(), socket, e.toString());
        conn.close(CloseFrame.TRY_AGAIN_LATER, "the instance's console is not available");
      }
    }

    // guest -> browser, until either side closes
    private void pump(WebSocket conn, SocketChannel guest) {
      ByteBuffer buf = ByteBuffer.allocate(64 << 10);
      try {
        while (guest.read(buf) >= 0) {
          buf.flip();
          if (buf.hasRemaining() && conn.isOpen()) {
            conn.send(buf);
          }
          buf = ByteBuffer.allocate(64 << 10); // send() may keep the buffer queued
        }
      } catch (IOException | RuntimeException e) {
        log.debug("console relay ended", e);
      }
      conn.close(CloseFrame.NORMAL, "the instance's console closed");
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
      if (conn.getAttachment() instanceof Relay r) {
        r.write(message);
      }
    }

    @Override
    public void onMessage(WebSocket conn, String message) { // xterm.js sends typed text
      onMessage(conn, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      if (conn.getAttachment() instanceof Relay r) {
        r.close();
        log.info("console: {} {} closed", r.target().instanceId(), r.target().kind());
      }
    }

    @Override
    public void onError(WebSocket conn, Exception e) {
      if (conn == null) {
        failure = e;
        started.countDown();
      } else {
        log.debug("console connection error", e);
      }
    }

    @Override
    public void onStart() {
      started.countDown();
    }
  }

  private record Relay(ConsoleGate.Target target, SocketChannel guest) {
    void write(ByteBuffer data) {
      try {
        synchronized (this) {
          while (data.hasRemaining()) {
            guest.write(data);
          }
        }
      } catch (IOException e) {
        close();
      }
    }

    void close() {
      try {
        guest.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
