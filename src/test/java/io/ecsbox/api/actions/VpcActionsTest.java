package io.ecsbox.api.actions;

import io.ecsbox.TestErrors;
import io.ecsbox.network.NicStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.ApiLimits;
import io.ecsbox.api.ApiServer;
import io.ecsbox.api.Throttle;
import io.ecsbox.api.Json;
import io.ecsbox.api.Params;
import io.ecsbox.api.auth.Authenticator;
import io.ecsbox.api.auth.NonceCache;
import io.ecsbox.api.auth.PercentEncoding;
import io.ecsbox.api.auth.SignatureV1;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.network.FakeVpcAgent;
import io.ecsbox.network.VpcService;
import io.ecsbox.store.Database;
import io.ecsbox.network.VpcStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VPC Actions: parameter names, response shapes as the SDKs read them, both API versions. */
class VpcActionsTest {
  @TempDir Path dir;
  private Database db;
  private ActionRegistry registry;

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    registry = new ActionRegistry();
    new VpcActions(new VpcService(new VpcStore(db), new NicStore(db), vpcId -> null, new FakeVpcAgent(), Set.of("local-1a"), 24,
        () -> Instant.parse("2026-01-02T03:04:05Z")), "local-1", id -> java.util.Map.of()).registerIn(registry);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private JsonNode call(String action, Map<String, String> params) {
    return registry.find(action).orElseThrow()
        .handle(new ApiRequest("acc", action, new Params(params), "REQ", "localhost"));
  }

  @Test
  void everyListedActionHasAHandler() {
    assertEquals(VpcActions.ACTIONS, registry.actions());
  }

  @Test
  void shapesAsTheSdkReadsThem() {
    JsonNode c = call("CreateVpc", Map.of("CidrBlock", "192.168.0.0/16", "VpcName", "lab", "Description", "d"));
    String vpc = c.path("VpcId").asText();
    assertTrue(c.path("VRouterId").asText().startsWith("vrt-") && c.path("RouteTableId").asText().startsWith("vtb-"));
    String vsw = call("CreateVSwitch", Map.of("VpcId", vpc, "ZoneId", "local-1a", "CidrBlock", "192.168.1.0/28"))
        .path("VSwitchId").asText();

    JsonNode d = call("DescribeVpcs", Map.of("VpcId", vpc));
    assertEquals(1, d.path("TotalCount").asInt());
    JsonNode v = d.path("Vpcs").path("Vpc").get(0);
    assertEquals(vpc, v.path("VpcId").asText());
    assertEquals("local-1", v.path("RegionId").asText());
    assertEquals("Available", v.path("Status").asText());
    assertEquals("lab", v.path("VpcName").asText());
    assertEquals("192.168.0.0/16", v.path("CidrBlock").asText());
    assertEquals("2026-01-02T03:04:05Z", v.path("CreationTime").asText());
    assertEquals(false, v.path("IsDefault").asBoolean(true));
    assertEquals(vsw, v.path("VSwitchIds").path("VSwitchId").get(0).asText());

    JsonNode s = call("DescribeVSwitches", Map.of("VpcId", vpc, "ZoneId", "local-1a")).path("VSwitches").path("VSwitch");
    assertEquals(1, s.size());
    assertEquals(12, s.get(0).path("AvailableIpAddressCount").asLong(), "a /28 less the 4 reserved");
    assertEquals("192.168.1.0/28", s.get(0).path("CidrBlock").asText());
    assertEquals(0, call("DescribeVSwitches", Map.of("ZoneId", "local-1b")).path("TotalCount").asInt());

    call("ModifyVpcAttribute", Map.of("VpcId", vpc, "VpcName", "lab2"));
    assertEquals("lab2", call("DescribeVpcs", Map.of()).path("Vpcs").path("Vpc").get(0).path("VpcName").asText());
    assertEquals("DependencyViolation",
        TestErrors.thrown(() -> call("DeleteVpc", Map.of("VpcId", vpc))).code());
    call("DeleteVSwitch", Map.of("VSwitchId", vsw));
    call("DeleteVpc", Map.of("VpcId", vpc));
    assertEquals(0, call("DescribeVpcs", Map.of()).path("TotalCount").asInt());
  }

  @Test
  void missingAndBadParameters() {
    assertEquals("MissingParameter",
        TestErrors.thrown(() -> call("CreateVSwitch", Map.of("VpcId", "vpc-x"))).code());
    assertEquals("InvalidParameter.NotSupported",
        TestErrors.thrown(() -> call("CreateVpc", Map.of("UserCidr", "1.0.0.0/8"))).code());
    assertEquals("DryRunOperation",
        TestErrors.thrown(() -> call("CreateVpc", Map.of("DryRun", "true"))).code());
    assertEquals(0, call("DescribeVpcs", Map.of()).path("TotalCount").asInt());
  }

  @Test
  void theVpcProductVersionIsServedForVpcActionsOnly() throws Exception {
    Authenticator auth = new Authenticator(id -> id.equals("AK") ? Optional.of("SK") : Optional.empty(),
        Clock.systemUTC(), new NonceCache());
    try (ApiServer server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), "local-1", auth, id -> "acc",
        registry.register("DescribeRegions", r -> Json.object()), ApiLimits.of(Throttle.off()))) {
      server.alsoServe(VpcActions.VPC_VERSION, VpcActions.ACTIONS).start();
      int port = server.address().getPort();
      assertEquals(200, post(port, "CreateVpc", "2016-04-28").statusCode());
      assertEquals(200, post(port, "DescribeVpcs", "2014-05-26").statusCode());
      HttpResponse<String> other = post(port, "DescribeRegions", "2016-04-28");
      assertEquals(404, other.statusCode());
      assertEquals("InvalidAction.NotFound", Json.MAPPER.readTree(other.body()).path("Code").asText());
      HttpResponse<String> bad = post(port, "DescribeVpcs", "2017-01-01");
      assertEquals("InvalidVersion", Json.MAPPER.readTree(bad.body()).path("Code").asText());
    }
  }

  private static HttpResponse<String> post(int port, String action, String version) throws Exception {
    Map<String, String> p = new TreeMap<>(Map.of("Action", action, "Version", version, "Format", "JSON",
        "AccessKeyId", "AK", "SignatureMethod", "HMAC-SHA1", "SignatureVersion", "1.0",
        "SignatureNonce", UUID.randomUUID().toString(), "Timestamp",
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())));
    p.put("Signature", SignatureV1.sign("POST", new HashMap<>(p), "SK"));
    URI uri = URI.create("http://127.0.0.1:" + port + "/?" + PercentEncoding.canonicalQuery(p));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
        .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
  }
}
