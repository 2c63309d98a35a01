package io.ecsbox.cli.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.client.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An {@link Api} that records calls and answers canned JSON per action. */
public final class FakeApi implements Api {
  /** One recorded call. */
  public record Call(String action, Map<String, String> params) {}

  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Deque<Function<Map<String, String>, JsonNode>>> answers =
      new HashMap<>();

  /** Answers {@code action} with {@code json}; the last answer given repeats. */
  public FakeApi on(String action, String json) {
    return on(action, p -> parse(json));
  }

  public FakeApi on(String action, Function<Map<String, String>, JsonNode> answer) {
    answers.computeIfAbsent(action, a -> new ArrayDeque<>()).add(answer);
    return this;
  }

  @Override
  public JsonNode call(String action, Map<String, String> params) {
    calls.add(new Call(action, Map.copyOf(params)));
    Deque<Function<Map<String, String>, JsonNode>> q = answers.get(action);
    if (q == null || q.isEmpty()) {
      return parse("{\"RequestId\":\"FAKE\"}");
    }
    Function<Map<String, String>, JsonNode> f = q.size() > 1 ? q.poll() : q.peek();
    return f.apply(params);
  }

  public List<Call> calls() {
    return calls;
  }

  public List<Call> calls(String action) {
    return calls.stream().filter(c -> c.action().equals(action)).toList();
  }

  public static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
