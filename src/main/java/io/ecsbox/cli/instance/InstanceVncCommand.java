package io.ecsbox.cli.instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.client.ClientConfig;
import io.ecsbox.client.Json;
import io.ecsbox.host.exec.CommandException;
import io.ecsbox.host.exec.CommandRunner;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecsbox instance vnc ID}: a one-time URL of the instance's console in the browser. */
@Command(
    name = "vnc",
    mixinStandardHelpOptions = true,
    description = {
      "Print a one-time URL of the instance's console in the browser (DescribeInstanceVncUrl): its screen"
          + " through noVNC, or with --serial its serial console in a terminal (log in to a text-only guest).",
      "The URL opens once, within 15 seconds; the instance must be Running."
    })
public final class InstanceVncCommand implements Callable<Integer> {
  private static final List<String> BROWSERS = List.of("xdg-open", "sensible-browser", "chromium", "firefox");

  private final CliContext ctx;
  private final Supplier<URI> endpoint;

  @Parameters(paramLabel = "ID", description = "Instance id (i-...).")
  String id;

  @Option(names = "--serial", description = "The serial console page instead of the screen (VNC).")
  boolean serial;

  @Option(names = "--open", description = "Also open the URL in this machine's browser, where there is one.")
  boolean open;

  @Option(names = "--password", paramLabel = "PASSWORD",
      description = "The instance's VNC password (ModifyInstanceVncPasswd), put in the URL so the page does not ask.")
  String password;

  public InstanceVncCommand(CliContext ctx) {
    this(ctx, () -> ClientConfig.resolve(ctx.env(), Path.of(System.getProperty("user.home")), ctx.profile())
        .endpoint());
  }

  InstanceVncCommand(CliContext ctx, Supplier<URI> endpoint) {
    this.ctx = ctx;
    this.endpoint = endpoint;
  }

  @Override
  public Integer call() {
    JsonNode r = serial ? ctx.api().call("DescribeInstanceSerialConsoleUrl", Map.of("InstanceId", id))
        : ctx.api().call("DescribeInstanceVncUrl", Map.of("InstanceId", id));
    if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
      ctx.out().flush();
      return ExitCodes.OK;
    }
    String url = pageUrl(endpoint.get(), serial, Json.text(r, serial ? "SerialConsoleUrl" : "VncUrl"))
        + (password == null || serial ? "" : "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    ctx.out().println(url);
    ctx.out().flush();
    if (open) {
      Optional<String> browser = BROWSERS.stream().filter(InstanceVncCommand::onPath).findFirst();
      if (browser.isEmpty()) {
        ctx.err().println("no browser here (" + String.join(", ", BROWSERS) + "): open the URL elsewhere within 15 s");
        return ExitCodes.OK;
      }
      try {
        new CommandRunner().run(List.of(browser.get(), url), Duration.ofSeconds(15));
      } catch (CommandException e) {
        ctx.err().println(browser.get() + " failed: " + e.getMessage());
      }
    }
    return ExitCodes.OK;
  }

  /**
   * The console page on the API's server for an encoded console URL as the API returns it:
   * {@code ENDPOINT/console/vnc?vncUrl=…} (or {@code /console/serial}).
   */
  static String pageUrl(URI endpoint, boolean serial, String encodedUrl) {
    String base = endpoint.toString().replaceAll("/+$", "");
    return base + "/console/" + (serial ? "serial" : "vnc") + "?vncUrl=" + encodedUrl;
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
