package io.ecsbox.it;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import io.ecsbox.host.systemd.SdNotify;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What systemd would be for sd_notify: a unix datagram socket that collects the messages sent to it. */
final class NotifyListener implements AutoCloseable {
  private static final int MSG_DONTWAIT = 0x40;
  private static final int EAGAIN = 11;

  interface LibC extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] addr, int addrLen) throws LastErrorException;

    long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static final LibC C = Native.load("c", LibC.class);
  private final Path path;
  private final int fd;
  private final List<String> received = new ArrayList<>();

  NotifyListener(Path path) {
    this.path = path;
    byte[] addr = SdNotify.address(path.toString());
    fd = C.socket(1, 2, 0);
    C.bind(fd, addr, addr.length);
  }

  Path path() {
    return path;
  }

  /** Every message received so far, in order (reads what waits on the socket first). */
  synchronized List<String> messages() {
    byte[] buf = new byte[4096];
    while (true) {
      long n;
      try {
        n = C.recv(fd, buf, buf.length, MSG_DONTWAIT);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == EAGAIN) {
          break;
        }
        throw e;
      }
      received.add(new String(buf, 0, (int) n, StandardCharsets.UTF_8));
    }
    return List.copyOf(received);
  }

  /** How many messages so far contain the line {@code line}. */
  long count(String line) {
    return messages().stream().filter(m -> m.lines().anyMatch(line::equals)).count();
  }

  @Override
  public void close() throws Exception {
    C.close(fd);
    Files.deleteIfExists(path);
  }
}
