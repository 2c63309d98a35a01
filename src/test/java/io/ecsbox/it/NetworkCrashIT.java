package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.host.exec.CommandRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Public addresses and crash safety with the daemon as a separate process. The test makes its
 * own "internet": a bridge without any physical port as the operator's uplink, and a network
 * namespace on it (198.51.100.1, TEST-NET-2) that probes the guests' public addresses. An EIP
 * and a NAT public IP (RunInstances with InternetMaxBandwidthOut) answer from there; kill -9 of
 * the daemon leaves traffic flowing, and after the restart our iptables chains and ipsets are
 * exactly what they were.
 */
class NetworkCrashIT {
  private static final CommandRunner RUN = new CommandRunner();
  private final String tag = Long.toString(ThreadLocalRandom.current().nextLong(1L << 25, 1L << 30), 36);
  private final TestInternet internet = new TestInternet("eit", tag);
  private final String bridge = internet.bridge();
  private final String inet = internet.namespace();
  private DaemonProcess d;
  private final List<String> instances = new ArrayList<>();

  /** Serves its metadata instance id as /id on port 8080. */
  private static final String SERVER = "#!/bin/sh\n"
      + "( while ! id=$(timeout 3 wget -q -O - http://100.100.100.200/latest/meta-data/instance-id); do sleep 1; done\n"
      + "  mkdir -p /www && echo \"$id\" >/www/id && httpd -p 8080 -h /www ) </dev/null >/dev/null 2>&1 &\n";

  private void makeInternet() {
    internet.create("198.51.100.1/24");
  }

  @AfterEach
  void cleanUp() {
    try {
      if (d != null && d.alive()) {
        for (String id : instances) {
          try {
            d.call("DeleteInstance", "InstanceId", id, "Force", "true");
          } catch (RuntimeException e) {
            System.out.println("NetworkCrashIT cleanup: " + e.getMessage());
          }
        }
        await("the domains to go", Duration.ofSeconds(90),
            () -> instances.stream().allMatch(id -> EcsboxHarness.host().state(id).isEmpty()));
      }
    } catch (AssertionError | RuntimeException e) {
      System.out.println("NetworkCrashIT cleanup: " + e.getMessage());
    }
    if (d != null) {
      d.stop();
      instances.forEach(id -> EcsboxHarness.host().remove(id));
      d.close(); // also removes the scope's netns, bridges, DHCP servers, chains and sets
    }
    internet.close();
  }

  private String run(String... extra) {
    List<String> kv = new ArrayList<>(List.of("ImageId", EcsboxHarness.IMAGE_ID, "InstanceType", EcsboxHarness.NANO,
        "UserData", Base64.getEncoder().encodeToString(SERVER.getBytes(StandardCharsets.UTF_8))));
    kv.addAll(List.of(extra));
    String id = d.call("RunInstances", kv.toArray(String[]::new)).path("InstanceIdSets").path("InstanceIdSet").get(0)
        .asText();
    instances.add(id);
    return id;
  }

  private JsonNode describe(String id) {
    return d.call("DescribeInstances", "InstanceIds", "[\"" + id + "\"]").path("Instances").path("Instance").get(0);
  }

  /** What the internet namespace gets from http://ip:8080/id, or null. */
  private String fetch(String ip) {
    var r = RUN.runAllowingFailure(List.of("ip", "netns", "exec", inet, "timeout", "3", "busybox", "wget", "-q", "-O", "-",
        "http://" + ip + ":8080/id"), Duration.ofSeconds(10));
    return r.exitCode() == 0 ? r.stdout().strip() : null;
  }

  @Test
  void publicAddressesAnswerFromTheInternetAndSurviveAKillOfTheDaemon() throws Exception {
    makeInternet();
    d = DaemonProcess.create("netcrash", Path.of(System.getProperty("ecsbox.build.dir", "target"),
        "it-logs", "netcrash-" + tag + ".log"));
    d.env("ECSBOX_EIP_CIDR", "198.51.100.0/24");
    d.env("ECSBOX_EIP_UPLINK", bridge);
    d.start();
    String web = run();
    String nat = run("InternetMaxBandwidthOut", "5");
    String sg = describe(web).path("SecurityGroupIds").path("SecurityGroupId").get(0).asText();
    d.call("AuthorizeSecurityGroup", "SecurityGroupId", sg, "IpProtocol", "tcp", "PortRange", "8080/8080",
        "SourceCidrIp", "0.0.0.0/0");
    String natIp = describe(nat).path("PublicIpAddress").path("IpAddress").get(0).asText();
    assertTrue(natIp.startsWith("198.51.100."), natIp);
    assertEquals(5, describe(nat).path("InternetMaxBandwidthOut").asInt());

    JsonNode eip = d.call("AllocateEipAddress", "Bandwidth", "10");
    String allocation = eip.path("AllocationId").asText();
    String eipIp = eip.path("EipAddress").asText();
    assertEquals(null, fetch(eipIp), "the EIP answered before it was associated");
    d.call("AssociateEipAddress", "AllocationId", allocation, "InstanceId", web);
    assertEquals(eipIp, describe(web).path("EipAddress").path("IpAddress").asText());
    await(web + " to answer on its EIP " + eipIp, EcsboxHarness.BOOT, () -> web.equals(fetch(eipIp)));
    await(nat + " to answer on its NAT IP " + natIp, EcsboxHarness.BOOT, () -> nat.equals(fetch(natIp)));

    // kill -9 while the internet keeps probing both addresses
    String before = NetworkCleanup.rulesOf(d.dataDir());
    assertTrue(before.contains("-A "), "no chains of ours?\n" + before);
    AtomicBoolean probing = new AtomicBoolean(true);
    AtomicInteger probes = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread prober = new Thread(() -> {
      while (probing.get()) {
        for (String[] t : List.of(new String[] {eipIp, web}, new String[] {natIp, nat})) {
          String got = fetch(t[0]);
          probes.incrementAndGet();
          if (!t[1].equals(got)) {
            failures.add(java.time.Instant.now() + " " + t[0] + " -> " + got);
          }
        }
      }
    }, "internet-prober");
    prober.start();
    Thread.sleep(2000);
    d.kill();
    Thread.sleep(3000);
    d.start();
    await("the restarted daemon to see " + web + " Running", Duration.ofSeconds(60),
        () -> "Running".equals(describe(web).path("Status").asText()));
    Thread.sleep(2000);
    probing.set(false);
    prober.join();
    String after = NetworkCleanup.rulesOf(d.dataDir());
    assertEquals(before, after, "our iptables chains and ipsets differ after kill -9 and restart");
    assertTrue(failures.isEmpty(), failures.size() + " of " + probes.get() + " probes failed around the kill: "
        + failures);
    System.out.printf("NetworkCrashIT: %d probes of the EIP and the NAT IP across kill -9 and restart, 0 failed;"
        + " %d lines of chains and sets identical%n", probes.get(), before.lines().count());

    // unassociate: the EIP goes quiet, the instance keeps its private address
    d.call("UnassociateEipAddress", "AllocationId", allocation, "InstanceId", web);
    await(eipIp + " to stop answering", Duration.ofSeconds(20), () -> fetch(eipIp) == null);
    assertEquals("", describe(web).path("EipAddress").path("IpAddress").asText());
    d.call("ReleaseEipAddress", "AllocationId", allocation);
    assertEquals(0, d.call("DescribeEipAddresses", "AllocationId", allocation).path("TotalCount").asInt());

    // the NAT IP lives and dies with its instance
    d.call("DeleteInstance", "InstanceId", nat, "Force", "true");
    await(natIp + " to go with " + nat, Duration.ofSeconds(90), () -> fetch(natIp) == null
        && EcsboxHarness.host().state(nat).isEmpty());
    assertFalse(d.call("DescribeEipAddresses").toString().contains(natIp));
  }

  private static void await(String what, Duration timeout, BooleanSupplier done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
