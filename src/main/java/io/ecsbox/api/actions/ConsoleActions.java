package io.ecsbox.api.actions;

import io.ecsbox.agent.ConsoleGate;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.compute.ConsoleAccess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * The consoles in the browser: {@code DescribeInstanceVncUrl} as ECS (a URL-encoded one-time
 * {@code ws[s]://HOST:PORT/websockify/?s=TICKET}, valid 15 s, on the host the client called), and
 * ecsbox's own {@code DescribeInstanceSerialConsoleUrl}, the same for the serial console; and
 * {@code ModifyInstanceVncPasswd}.
 */
public final class ConsoleActions {
  private final ConsoleAccess access;
  private final boolean tls;
  private final IntSupplier proxyPort;

  /**
   * @param tls       whether the console proxy speaks TLS (wss)
   * @param proxyPort the console proxy's port
   */
  public ConsoleActions(ConsoleAccess access, boolean tls, IntSupplier proxyPort) {
    this.access = access;
    this.tls = tls;
    this.proxyPort = proxyPort;
  }

  public void registerIn(ActionRegistry r) {
    r.register("DescribeInstanceVncUrl", req -> Json.object()
        .put("VncUrl", url(req, ConsoleGate.Kind.VNC)));
    r.register("DescribeInstanceSerialConsoleUrl", req -> Json.object()
        .put("SerialConsoleUrl", url(req, ConsoleGate.Kind.SERIAL)));
    r.register("ModifyInstanceVncPasswd", req -> {
      access.setVncPassword(req.accountId(), req.params().require("InstanceId"), req.params().require("VncPassword"));
      return Json.object();
    });
  }

  private String url(ApiRequest req, ConsoleGate.Kind kind) {
    String ticket = access.ticket(req.accountId(), req.params().require("InstanceId"), kind);
    String url = (tls ? "wss://" : "ws://") + host(req.endpoint()) + ":" + proxyPort.getAsInt()
        + "/websockify/?s=" + ticket;
    return URLEncoder.encode(url, StandardCharsets.UTF_8);
  }

  // the host of host:port ([v6]:port keeps its brackets)
  static String host(String endpoint) {
    if (endpoint.startsWith("[")) {
      return endpoint.substring(0, endpoint.indexOf(']') + 1);
    }
    int colon = endpoint.lastIndexOf(':');
    return colon < 0 ? endpoint : endpoint.substring(0, colon);
  }
}
