package io.ecsbox.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.client.Json;

/** How the commands that change something answer: a line for people, else the JSON. */
public final class Reply {
  private Reply() {}

  /** Prints {@code line} (or, with {@code -o json}, the API answer {@code r}). */
  public static void done(CliContext ctx, JsonNode r, String line) {
    ctx.out().print(ctx.json() ? Json.pretty(r) : line + "\n");
    ctx.out().flush();
  }
}
