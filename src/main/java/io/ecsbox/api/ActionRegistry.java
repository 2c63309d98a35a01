package io.ecsbox.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The ECS Actions this endpoint answers, each with its handler. */
public final class ActionRegistry {
  private final Map<String, ActionHandler> handlers = new TreeMap<>();

  public ActionRegistry register(String action, ActionHandler handler) {
    if (handlers.putIfAbsent(action, handler) != null) {
      throw new IllegalStateException("two handlers for " + action);
    }
    return this;
  }

  /** Replaces the handler of {@code action} with {@code wrap} of it (the action must be registered). */
  public ActionRegistry wrap(String action, java.util.function.UnaryOperator<ActionHandler> wrap) {
    ActionHandler h = handlers.get(action);
    if (h == null) {
      throw new IllegalStateException("no handler for " + action);
    }
    handlers.put(action, wrap.apply(h));
    return this;
  }

  public Optional<ActionHandler> find(String action) {
    return Optional.ofNullable(handlers.get(action));
  }

  public Set<String> actions() {
    return handlers.keySet();
  }
}
