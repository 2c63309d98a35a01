package io.ecsbox.host.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataHandlerTest {
  private final MutableClock clock = new MutableClock();
  private final MetadataFixtures.FakeDirectory dir = new MetadataFixtures.FakeDirectory()
      .put("vpc-a", "10.77.1.10", MetadataFixtures.guest("i-one", "vpc-a", "10.77.1.10", "00:16:3e:00:00:01", "one"))
      .put("vpc-a", "10.77.1.11", MetadataFixtures.guest("i-two", "vpc-a", "10.77.1.11", "00:16:3e:00:00:02", null))
      .put("vpc-b", "10.77.1.10", MetadataFixtures.guest("i-three", "vpc-b", "10.77.1.10", "00:16:3e:00:00:03", null))
      .put("vpc-a", "10.77.1.12", MetadataFixtures.guest("i-hard", "vpc-a", "10.77.1.12", "00:16:3e:00:00:04", null,
          "required", "enabled"))
      .put("vpc-a", "10.77.1.13", MetadataFixtures.guest("i-off", "vpc-a", "10.77.1.13", "00:16:3e:00:00:05", null,
          "optional", "disabled"));
  private final MetadataHandler h = new MetadataHandler(dir, new MetadataTokens(clock));

  private MetadataReply get(String vpc, String ip, String path, String... headers) {
    return call(vpc, ip, "GET", path, headers);
  }

  private MetadataReply call(String vpc, String ip, String method, String path, String... headers) {
    Map<String, String> hs = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      hs.put(headers[i].toLowerCase(), headers[i + 1]);
    }
    return h.handle(vpc, ip, method, path, hs::get);
  }

  private String token(String vpc, String ip, int ttl) {
    MetadataReply r = call(vpc, ip, "PUT", "/latest/api/token", "X-aliyun-ecs-metadata-token-ttl-seconds", "" + ttl);
    assertEquals(200, r.status());
    return r.bodyText();
  }

  @Test
  void callerIsIdentifiedByVpcAndSourceAddress() {
    assertEquals("i-one", get("vpc-a", "10.77.1.10", "/latest/meta-data/instance-id").bodyText());
    assertEquals("i-two", get("vpc-a", "10.77.1.11", "/2016-01-01/meta-data/instance-id").bodyText());
    assertEquals("i-three", get("vpc-b", "10.77.1.10", "/latest/meta-data/instance-id").bodyText());
    assertEquals(404, get("vpc-a", "10.77.1.99", "/latest/meta-data/instance-id").status());
    assertEquals(404, get("vpc-c", "10.77.1.10", "/").status());
    assertEquals("2016-01-01\nlatest", get("vpc-a", "10.77.1.10", "/").bodyText());
    assertEquals("one", get("vpc-a", "10.77.1.10", "/latest/user-data").bodyText());
    assertEquals(404, get("vpc-a", "10.77.1.11", "/latest/user-data").status());
    assertEquals(404, get("vpc-a", "10.77.1.10", "/2015/meta-data/").status());
    assertEquals(405, call("vpc-a", "10.77.1.10", "POST", "/latest/meta-data/").status());
  }

  @Test
  void tokenFlow() {
    String t = token("vpc-a", "10.77.1.10", 60);
    assertEquals("i-one", get("vpc-a", "10.77.1.10", "/latest/meta-data/instance-id",
        MetadataHandler.TOKEN, t).bodyText());
    assertEquals(401, get("vpc-a", "10.77.1.10", "/latest/meta-data/instance-id", MetadataHandler.TOKEN, "nope")
        .status());
    assertEquals(401, get("vpc-a", "10.77.1.11", "/latest/meta-data/instance-id", MetadataHandler.TOKEN, t).status(),
        "a token belongs to one instance");
    assertEquals(401, get("vpc-b", "10.77.1.10", "/latest/meta-data/instance-id", MetadataHandler.TOKEN, t).status(),
        "same address, other VPC: another instance");
    assertNotEquals(t, token("vpc-a", "10.77.1.10", 60));
    clock.advance(Duration.ofSeconds(61));
    assertEquals(401, get("vpc-a", "10.77.1.10", "/latest/meta-data/instance-id", MetadataHandler.TOKEN, t).status(),
        "expired");
    assertEquals(200, get("vpc-a", "10.77.1.10", "/latest/meta-data/instance-id").status(), "optional: no token ok");
  }

  @Test
  void tokenRequestsAreChecked() {
    String ttl = "X-aliyun-ecs-metadata-token-ttl-seconds";
    assertEquals(400, call("vpc-a", "10.77.1.10", "PUT", "/latest/api/token").status());
    assertEquals(400, call("vpc-a", "10.77.1.10", "PUT", "/latest/api/token", ttl, "0").status());
    assertEquals(400, call("vpc-a", "10.77.1.10", "PUT", "/latest/api/token", ttl, "21601").status());
    assertEquals(400, call("vpc-a", "10.77.1.10", "PUT", "/latest/api/token", ttl, "x").status());
    assertEquals(200, call("vpc-a", "10.77.1.10", "PUT", "/latest/api/token", ttl, "21600").status());
    assertEquals(403, call("vpc-a", "10.77.1.10", "PUT", "/latest/api/token", ttl, "60", "X-Forwarded-For",
        "1.2.3.4").status());
    assertEquals(405, get("vpc-a", "10.77.1.10", "/latest/api/token").status());
    assertEquals(404, call("vpc-a", "10.77.1.99", "PUT", "/latest/api/token", ttl, "60").status());
  }

  @Test
  void requiredTokensAndDisabledEndpoint() {
    assertEquals(401, get("vpc-a", "10.77.1.12", "/latest/meta-data/instance-id").status());
    String t = token("vpc-a", "10.77.1.12", 10);
    assertEquals("i-hard", get("vpc-a", "10.77.1.12", "/latest/meta-data/instance-id",
        MetadataHandler.TOKEN, t).bodyText());
    assertEquals(403, get("vpc-a", "10.77.1.13", "/latest/meta-data/instance-id").status());
    assertEquals(403, call("vpc-a", "10.77.1.13", "PUT", "/latest/api/token",
        "X-aliyun-ecs-metadata-token-ttl-seconds", "10").status());
  }

  @Test
  void tokensPerInstanceAreBounded() {
    MetadataTokens tokens = new MetadataTokens(clock);
    for (int i = 0; i < MetadataTokens.PER_INSTANCE * 3; i++) {
      tokens.issue("i-one", 100 + i);
    }
    String newest = tokens.issue("i-one", 21600);
    assertEquals(MetadataTokens.PER_INSTANCE, tokens.size());
    assertEquals("i-one", tokens.instanceOf(newest).orElseThrow());
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
