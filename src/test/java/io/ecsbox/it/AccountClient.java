package io.ecsbox.it;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.GetInstanceConsoleOutputRequest;
import com.aliyuncs.exceptions.ClientException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A second account on a harness daemon, made with the admin's CreateAccount, with its own
 * official-SDK client and raw client, and the waits a test needs as that account.
 */
public final class AccountClient {
  private final EcsboxHarness h;
  private final String accountId;
  private final IAcsClient sdk;
  private final RawApi raw;

  private AccountClient(EcsboxHarness h, String accountId, String keyId, String secret) {
    this.h = h;
    this.accountId = accountId;
    this.sdk = h.sdk(keyId, secret);
    this.raw = new RawApi(h.endpoint(), keyId, secret);
  }

  /** Creates the account {@code name} through the daemon's API, as its admin. */
  public static AccountClient create(EcsboxHarness h, String name) throws Exception {
    Map<String, String> p = h.raw().params("CreateAccount");
    p.put("AccountName", name);
    RawApi.Response r = h.raw().send(p);
    if (r.status() != 200) {
      throw new IllegalStateException("CreateAccount " + name + ": " + r.body());
    }
    JsonNode b = r.body();
    return new AccountClient(h, b.path("AccountId").asText(), b.path("AccessKeyId").asText(),
        b.path("AccessKeySecret").asText());
  }

  public String accountId() {
    return accountId;
  }

  /** The official SDK client signing with this account's key. */
  public IAcsClient sdk() {
    return sdk;
  }

  public RawApi raw() {
    return raw;
  }

  public <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
    return sdk.getAcsResponse(request);
  }

  public Optional<DescribeInstancesResponse.Instance> describe(String id) throws ClientException {
    DescribeInstancesRequest r = new DescribeInstancesRequest();
    r.setInstanceIds("[\"" + id + "\"]");
    return call(r).getInstances().stream().filter(i -> id.equals(i.getInstanceId())).findFirst();
  }

  /** Waits until this account's instance prints {@code line} on its console; returns the console. */
  public String waitForConsoleLine(String id, Pattern line, Duration timeout) {
    return h.waitUntil(line + " on the console of " + id, timeout, () -> {
      try {
        GetInstanceConsoleOutputRequest r = new GetInstanceConsoleOutputRequest();
        r.setInstanceId(id);
        String b64 = call(r).getConsoleOutput();
        return b64 == null ? "" : new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
      } catch (ClientException e) {
        return "";
      }
    }, text -> EcsboxHarness.count(line, text) >= 1, null);
  }

  /** Waits until DescribeInstances (as this account) no longer shows {@code id}. */
  public void waitUntilGone(String id, Duration timeout) {
    h.waitUntil(id + " to leave DescribeInstances", timeout, () -> {
      try {
        return describe(id).isPresent();
      } catch (ClientException e) {
        return true;
      }
    }, present -> !present, null);
  }
}
