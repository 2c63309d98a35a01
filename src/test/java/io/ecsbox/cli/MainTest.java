package io.ecsbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecsbox.cli.common.Api;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.FakeApi;
import io.ecsbox.cli.common.FakeClock;
import io.ecsbox.client.EcsApiException;
import io.ecsbox.client.WaitTimeoutException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private static final String REGIONS =
      "{\"RequestId\":\"R\",\"Regions\":{\"Region\":[{\"RegionId\":\"local-1\","
          + "\"LocalName\":\"ecsbox\",\"RegionEndpoint\":\"127.0.0.1:18080\","
          + "\"Status\":\"available\"}]}}";

  @Test
  void apiErrorsExit1WithCodeMessageAndRequestId() {
    Api api = (a, p) -> {
      throw new EcsApiException(404, "InvalidInstanceId.NotFound",
          "The specified InstanceId does not exist.", "REQ-1");
    };
    CliHarness.Result r = new CliHarness(api).run("instance", "show", "i-nope");
    assertEquals(1, r.exit());
    assertEquals("Error: InvalidInstanceId.NotFound: The specified InstanceId does not exist."
        + " (RequestId REQ-1)", r.err().strip());
  }

  @Test
  void unreachableDaemonExits3() {
    Api api = (a, p) -> {
      throw new EcsApiException(0, "ConnectionFailed", "The ecsbox daemon is not reachable.",
          null);
    };
    CliHarness.Result r = new CliHarness(api).run("region", "list");
    assertEquals(3, r.exit());
    assertTrue(r.err().startsWith("Error: ConnectionFailed: "), r.err());
  }

  @Test
  void exitCodeMapping() {
    assertEquals(1, ExitCodes.of(new EcsApiException(403, "IncorrectInstanceStatus", "m", "r")));
    assertEquals(1, ExitCodes.of(new EcsApiException(0, "MissingCredentials", "m", null)));
    assertEquals(3, ExitCodes.of(new EcsApiException(0, "ConnectionFailed", "m", null)));
    assertEquals(3, ExitCodes.of(new EcsApiException(0, "RequestTimeout", "m", null)));
    assertEquals(4, ExitCodes.of(new WaitTimeoutException("late")));
  }

  @Test
  void waitTimeoutExits4() {
    FakeApi api = new FakeApi().on("DescribeInstances",
        "{\"Instances\":{\"Instance\":[{\"InstanceId\":\"i-1\",\"Status\":\"Stopping\"}]}}");
    CliHarness.Result r =
        new CliHarness(api).run("instance", "stop", "i-1", "--wait", "--timeout", "5");
    assertEquals(4, r.exit());
    assertTrue(r.err().contains("timed out after 5 s waiting for i-1 to be Stopped"), r.err());
  }

  @Test
  void usageErrorsExit2() {
    FakeApi api = new FakeApi();
    assertEquals(2, new CliHarness(api).run("instance", "list", "--bogus").exit());
    assertEquals(2, new CliHarness(api).run().exit());
    assertEquals(2, new CliHarness(api).run("instance").exit());
    assertEquals(2, new CliHarness(api).run("instance", "run", "--type", "ecs.t5.small").exit());
    assertEquals(2, new CliHarness(api).run("-o", "yaml", "region", "list").exit());
    assertTrue(api.calls().isEmpty());
  }

  @Test
  void daemonRejectsABadListenAddressBeforeStarting() {
    CliHarness.Result r = new CliHarness(new FakeApi()).run("daemon", "--listen", "localhost");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--listen: got 'localhost'; expected HOST:PORT"), r.err());
  }

  @Test
  void outputOptionWorksBeforeOrAfterTheSubcommand() {
    for (String[] args : List.of(new String[] {"-o", "json", "region", "list"},
        new String[] {"region", "list", "--output", "JSON"})) {
      CliHarness.Result r = new CliHarness(new FakeApi().on("DescribeRegions", REGIONS)).run(args);
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains("\"RegionId\" : \"local-1\""), r.out());
    }
    CliHarness.Result table =
        new CliHarness(new FakeApi().on("DescribeRegions", REGIONS)).run("region", "list");
    assertEquals("REGION   NAME    ENDPOINT         STATUS\n"
        + "local-1  ecsbox  127.0.0.1:18080  available\n", table.out());
  }

  @Test
  void everyCommandHasHelp() {
    CliContext ctx = new CliContext(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), FakeApi::new, new FakeClock(), d -> { }, false,
        Map.of());
    List<String> paths = new ArrayList<>();
    collect(CommandTree.build(ctx), List.of(), paths);
    assertTrue(paths.size() > 20, paths.toString());
    for (String path : paths) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.removeIf(String::isEmpty);
      args.add("--help");
      CliHarness.Result r = new CliHarness(new FakeApi()).run(args.toArray(String[]::new));
      assertEquals(0, r.exit(), path);
      assertTrue(r.out().startsWith("Usage: ecsbox"), path + ": " + r.out());
    }
  }

  private static void collect(CommandLine cl, List<String> prefix, List<String> out) {
    out.add(String.join(" ", prefix));
    cl.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommandName().equals(name)) {
        List<String> p = new ArrayList<>(prefix);
        p.add(name);
        collect(sub, p, out);
      }
    });
  }
}
