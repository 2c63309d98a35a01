package io.ecsbox.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;

/**
 * Times the calls of an interface that cross into a host: a proxy in front of the adapter that
 * reports each named method's duration and outcome, and passes every call through unchanged
 * (reads, and the named ones alike; a thrown exception is the adapter's own).
 */
public final class Metered {
  /** Receives one timed call. */
  @FunctionalInterface
  public interface Observer {
    void observe(String operation, boolean ok, long nanos);
  }

  private Metered() {}

  /**
   * {@code target} behind a proxy of {@code type} that reports the methods named in
   * {@code operations} (method name to operation name) to {@code observer}.
   */
  public static <T> T timed(Class<T> type, T target, Map<String, String> operations, Observer observer) {
    for (String m : operations.keySet()) {
      if (Arrays.stream(type.getMethods()).noneMatch(x -> x.getName().equals(m))) {
        throw new IllegalArgumentException(type.getSimpleName() + " has no method " + m);
      }
    }
    InvocationHandler h = (proxy, method, args) -> {
      String op = method.getDeclaringClass() == Object.class ? null : operations.get(method.getName());
      long t0 = System.nanoTime();
      boolean ok = false;
      try {
        Object out = method.invoke(target, args);
        ok = true;
        return out;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (op != null) {
          observer.observe(op, ok, System.nanoTime() - t0);
        }
      }
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }
}
