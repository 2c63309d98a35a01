package io.ecsbox.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.EcsClient;
import io.ecsbox.client.Json;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a command touches outside itself: output streams, the API (created on first use,
 * so {@code --help}, {@code daemon} and {@code doctor} work without client configuration),
 * time, and whether stderr is a terminal. Tests build one around a fake API.
 */
public final class CliContext {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Function<String, Api> apiFactory;
  private final Function<ClientConfig, Api> clientFactory;
  private final Waiter waiter;
  private final boolean tty;
  private final Map<String, String> env;
  private Api api;
  private String profile;
  private OutputFormat format = OutputFormat.table;

  public CliContext(
      PrintWriter out,
      PrintWriter err,
      Supplier<Api> apiFactory,
      Clock clock,
      Waiter.Sleeper sleeper,
      boolean tty,
      Map<String, String> env) {
    this(out, err, profile -> apiFactory.get(), config -> EcsClient.of(config, err::println)::call, clock, sleeper,
        tty, env);
  }

  /**
   * @param apiFactory    the API for the {@code --profile} given (null: none given)
   * @param clientFactory an API for explicit settings ({@code ecsbox configure} checks them with it)
   */
  public CliContext(
      PrintWriter out,
      PrintWriter err,
      Function<String, Api> apiFactory,
      Function<ClientConfig, Api> clientFactory,
      Clock clock,
      Waiter.Sleeper sleeper,
      boolean tty,
      Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.apiFactory = apiFactory;
    this.clientFactory = clientFactory;
    this.waiter = new Waiter(clock, sleeper, Duration.ofSeconds(1));
    this.tty = tty;
    this.env = Map.copyOf(env);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  /** The API client, created on first use, for the profile {@code --profile} named. */
  public Api api() {
    if (api == null) {
      api = apiFactory.apply(profile);
    }
    return api;
  }

  /** An API client for explicit settings (not the resolved ones). */
  public Api apiFor(ClientConfig config) {
    return clientFactory.apply(config);
  }

  /** The {@code --profile} given, or null. */
  public String profile() {
    return profile;
  }

  public void profile(String name) {
    this.profile = name;
  }

  /** Shorthand for {@code api().call(action, params.toMap())}. */
  public JsonNode call(String action, Params params) {
    return api().call(action, params.toMap());
  }

  public Waiter waiter() {
    return waiter;
  }

  public Progress progress() {
    return new Progress(err, tty);
  }

  public Map<String, String> env() {
    return env;
  }

  public OutputFormat format() {
    return format;
  }

  public void format(OutputFormat format) {
    this.format = format;
  }

  public boolean json() {
    return format == OutputFormat.json;
  }

  /** Prints the API answer as JSON, or the table, depending on {@code --output}. */
  public void print(JsonNode response, Supplier<Table> table) {
    if (json()) {
      out.print(Json.pretty(response));
    } else {
      out.print(table.get().render());
    }
    out.flush();
  }
}
