package io.ecsbox.host.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * systemd's notification protocol ({@code sd_notify(3)}) without libsystemd: one datagram per
 * message to the AF_UNIX socket named by {@code $NOTIFY_SOCKET} (a path, or {@code @name} for the
 * abstract namespace). Java's own channels do only stream sockets on AF_UNIX, so three libc calls
 * go through JNA. Outside systemd ({@code NOTIFY_SOCKET} unset) there is nothing to notify and
 * {@link #fromEnvironment} is empty.
 */
public final class SdNotify {
  private static final int AF_UNIX = 1;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000; // Linux x86_64 and aarch64
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int SUN_PATH_MAX = 108;

  /** The libc calls a datagram needs. */
  interface LibC extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrLen) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static final class Holder {
    static final LibC C = Native.load("c", LibC.class);
  }

  private final byte[] address;
  private final Optional<Duration> watchdog;

  private SdNotify(byte[] address, Optional<Duration> watchdog) {
    this.address = address;
    this.watchdog = watchdog;
  }

  /**
   * The notifier systemd asked for, if any. The watchdog interval comes from
   * {@code WATCHDOG_USEC} when {@code WATCHDOG_PID} is unset or names this process.
   */
  public static Optional<SdNotify> fromEnvironment(Map<String, String> env) {
    String socket = env.get("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty() || !(socket.startsWith("/") || socket.startsWith("@"))) {
      return Optional.empty();
    }
    return Optional.of(new SdNotify(address(socket), watchdog(env, ProcessHandle.current().pid())));
  }

  /** The watchdog interval systemd expects pings within, if it wants them from {@code pid}. */
  static Optional<Duration> watchdog(Map<String, String> env, long pid) {
    try {
      String forPid = env.get("WATCHDOG_PID");
      if (forPid != null && !forPid.isBlank() && Long.parseLong(forPid.strip()) != pid) {
        return Optional.empty();
      }
      long usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", "0").strip());
      return usec > 0 ? Optional.of(Duration.ofNanos(usec * 1000)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** struct sockaddr_un for {@code socket}: family, then the path (NUL-ended) or, for '@', a leading NUL. */
  public static byte[] address(String socket) {
    byte[] path = socket.getBytes(StandardCharsets.UTF_8);
    boolean anonymous = socket.startsWith("@");
    if (path.length + (anonymous ? 0 : 1) > SUN_PATH_MAX) {
      throw new IllegalArgumentException("NOTIFY_SOCKET is longer than a unix socket path may be: " + socket);
    }
    byte[] addr = new byte[2 + path.length + (anonymous ? 0 : 1)];
    addr[0] = (byte) AF_UNIX; // sa_family_t, little-endian on the machines we run on
    System.arraycopy(path, 0, addr, 2, path.length);
    if (anonymous) {
      addr[2] = 0;
    }
    return addr;
  }

  /** The interval systemd's watchdog expects a ping within; ping at half of it. */
  public Optional<Duration> watchdog() {
    return watchdog;
  }

  /**
   * Sends {@code state} ({@code READY=1}, {@code STATUS=...}, newline-separated assignments).
   * Returns false when it could not be sent; a notification is never worth failing the daemon.
   */
  public boolean send(String state) {
    byte[] msg = state.getBytes(StandardCharsets.UTF_8);
    int fd = -1;
    try {
      fd = Holder.C.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      return Holder.C.sendto(fd, msg, msg.length, MSG_NOSIGNAL, address, address.length) == msg.length;
    } catch (LastErrorException e) {
      return false;
    } finally {
      if (fd >= 0) {
        try {
          Holder.C.close(fd);
        } catch (LastErrorException e) {
          // nothing to do about a failed close of a datagram socket
        }
      }
    }
  }
}
