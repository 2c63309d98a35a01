package io.ecsbox.host.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata endpoint of one VPC: a server socket bound inside the VPC's netns (by
 * {@link MetadataService}), an accept thread, and a small bounded pool answering one
 * request per connection. When the pool and its queue are full a connection gets 503.
 */
final class MetadataListener implements AutoCloseable {
  static final int THREADS = 4;
  static final int QUEUE = 32;
  static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(MetadataListener.class);
  private final String vpcId;
  private final ServerSocket socket;
  private final long netnsInode;
  private final MetadataHandler handler;
  private final ThreadPoolExecutor pool;
  private final Thread acceptor;

  MetadataListener(String vpcId, ServerSocket socket, long netnsInode, MetadataHandler handler) {
    this.vpcId = vpcId;
    this.socket = socket;
    this.netnsInode = netnsInode;
    this.handler = handler;
    this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "metadata-" + vpcId);
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true); // no threads while idle
    this.acceptor = new Thread(this::acceptLoop, "metadata-accept-" + vpcId);
    acceptor.setDaemon(true);
  }

  void start() {
    acceptor.start();
  }

  long netnsInode() {
    return netnsInode;
  }

  boolean alive() {
    return acceptor.isAlive() && !socket.isClosed();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        if (!socket.isClosed()) {
          log.warn("metadata {}: accept failed, listener stops: {}", vpcId, e.toString());
          closeQuietly(socket);
        }
        return;
      }
      try {
        pool.execute(() -> serve(s));
      } catch (RejectedExecutionException e) {
        reply(s, MetadataReply.status(503));
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout((int) READ_TIMEOUT.toMillis());
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      MetadataReply r;
      MetadataHttp.Request req = null;
      try {
        req = MetadataHttp.read(in, System::nanoTime, System.nanoTime() + REQUEST_DEADLINE.toNanos());
        if (req == null) {
          return;
        }
        InetAddress peer = s.getInetAddress();
        r = handler.handle(vpcId, peer.getHostAddress(), req.method(), req.path(), req.headers()::get);
      } catch (MetadataHttp.BadRequest e) {
        r = MetadataReply.status(e.status);
      } catch (SocketTimeoutException e) {
        r = MetadataReply.status(408);
      }
      if (req != null) {
        log.debug("metadata {}: {} {} {} -> {}", vpcId, s.getInetAddress().getHostAddress(), req.method(),
            req.path(), r.status());
      }
      MetadataHttp.write(out, r);
    } catch (SocketException e) {
      log.debug("metadata {}: connection dropped: {}", vpcId, e.toString());
    } catch (IOException | RuntimeException e) {
      log.warn("metadata {}: request failed: {}", vpcId, e.toString());
    }
  }

  private static void reply(Socket s, MetadataReply r) {
    try (s) {
      s.setSoTimeout((int) READ_TIMEOUT.toMillis());
      MetadataHttp.write(s.getOutputStream(), r);
    } catch (IOException e) {
      // the peer is gone; nothing to tell it
    }
  }

  private static void closeQuietly(ServerSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Stops accepting, drops queued connections, waits briefly for the accept thread. */
  @Override
  public void close() {
    closeQuietly(socket);
    pool.shutdownNow();
    try {
      acceptor.join(2000);
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
