package io.ecsbox.host.metadata;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a short task inside a named network namespace ({@code /run/netns/<name>}, as made by
 * {@code ip netns add}): on a fresh thread that enters it with setns(2), runs the task, goes
 * back to the namespace it came from and checks that it did, then ends. Sockets created by
 * the task stay in that namespace. The caller's thread never changes namespace, and the
 * helper thread never outlives the call, so no thread is left in a foreign namespace.
 */
final class Netns {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000; // Linux x86_64 and aarch64
  private static final int CLONE_NEWNET = 0x40000000;
  private static final Path SELF = Path.of("/proc/thread-self/ns/net");

  /** The three libc calls we need. */
  interface LibC extends Library {
    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;
  }

  private static final class Holder {
    static final LibC C = Native.load("c", LibC.class);

    static {
      // The JDK probes IPv6 support once, with the first socket: let it happen here, not in a VPC.
      try {
        java.nio.channels.ServerSocketChannel.open().close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open a socket", e);
      }
    }
  }

  private Netns() {}

  static Path path(String name) {
    if (name == null || name.isEmpty() || name.contains("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("not a netns name: " + name);
    }
    return Path.of("/run/netns", name);
  }

  /** The namespace's inode: it changes when the netns is deleted and made again. */
  static long inode(String name) {
    try {
      return ((Number) Files.getAttribute(path(name), "unix:ino")).longValue();
    } catch (IOException e) {
      throw new UncheckedIOException("no network namespace " + name, e);
    }
  }

  /** The calling thread's network namespace, as "net:[inode]". */
  static String current() {
    try {
      return Files.readSymbolicLink(SELF).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SELF, e);
    }
  }

  /** Runs {@code task} inside netns {@code name} on a helper thread and returns its result. */
  static <T> T call(String name, Callable<T> task) throws Exception {
    Path target = path(name);
    LibC c = Holder.C; // loaded on the caller's thread, in the caller's namespace
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        result.set(inside(c, target, task));
      } catch (Exception e) {
        failure.set(e);
      } catch (Error e) {
        failure.set(new IllegalStateException(e));
      }
    }, "netns-" + name);
    t.setDaemon(true);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  private static <T> T inside(LibC c, Path target, Callable<T> task) throws Exception {
    String home = current();
    int homeFd = c.open(SELF.toString(), O_RDONLY | O_CLOEXEC);
    try {
      int fd = c.open(target.toString(), O_RDONLY | O_CLOEXEC);
      try {
        c.setns(fd, CLONE_NEWNET);
      } finally {
        c.close(fd);
      }
      long want = ((Number) Files.getAttribute(target, "unix:ino")).longValue();
      if (!current().equals("net:[" + want + "]")) {
        throw new IllegalStateException("setns into " + target + " did not take: now in " + current());
      }
      try {
        return task.call();
      } finally {
        c.setns(homeFd, CLONE_NEWNET);
        if (!current().equals(home)) {
          // this thread ends right after; nothing else ever runs on it
          throw new IllegalStateException("could not go back to " + home + " from " + target);
        }
      }
    } finally {
      c.close(homeFd);
    }
  }
}
