package io.ecsbox.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LifecycleCrashIT's loop of random lifecycle and image calls, run until the daemon is killed
 * under it: each step reads what the API lists and picks one call that fits (RunInstances,
 * Start/Stop/Reboot, DeleteInstance with or without Force, ModifyInstanceSpec/Attribute,
 * CreateImage from an instance, ImportImage of a local qcow2, DeleteImage), within
 * {@link #MAX_GUESTS} guests alive. Every answer, or its absence, goes to the ledger.
 */
final class LifecycleLoop implements Runnable {
  static final int MAX_GUESTS = 3;
  static final int MAX_INSTANCES = 4;
  static final int MAX_IMAGES = 3;
  static final String OTHER_TYPE = "ecs.t5-lc1m1.small";

  /** Thrown inside the loop when it must end (stopped, or the daemon did not answer). */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  private final DaemonProcess d;
  private final LifecycleLedger ledger;
  private final Path importSource;
  private final AtomicInteger names;
  private final long seed;
  private final Random rnd;
  private final AtomicBoolean stop;
  private int sent;
  private String lastSent = "";
  private volatile RuntimeException failure;

  /** @param names numbers the names (and ClientTokens) of what the loops create, across rounds */
  LifecycleLoop(DaemonProcess d, LifecycleLedger ledger, Path importSource, AtomicInteger names, long seed,
      Random rnd, AtomicBoolean stop) {
    this.d = d;
    this.ledger = ledger;
    this.importSource = importSource;
    this.names = names;
    this.seed = seed;
    this.rnd = rnd;
    this.stop = stop;
  }

  @Override
  public void run() {
    try {
      while (!stop.get()) {
        step();
        DaemonProcess.sleep(rnd.nextInt(700));
      }
    } catch (Stopped | UncheckedIOException e) {
      // killed under us, or told to stop
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  /** What ended the loop other than the kill or the stop (e.g. an error answer to a Describe), or null. */
  RuntimeException failure() {
    return failure;
  }

  /** Waits until {@code n} mutating calls were sent (or {@code ms} passed); returns the last one sent. */
  synchronized String awaitSent(int n, long ms) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ms;
    while (sent < n && System.currentTimeMillis() < deadline) {
      wait(Math.max(1, deadline - System.currentTimeMillis()));
    }
    return lastSent;
  }

  private void step() {
    Map<String, JsonNode> inst = d.instances();
    Map<String, JsonNode> imgs = d.customImages();
    long alive = inst.values().stream().filter(i -> !"Stopped".equals(i.path("Status").asText())).count();
    List<Runnable> ops = new ArrayList<>();
    if (inst.size() < MAX_INSTANCES && alive < MAX_GUESTS) {
      add(ops, 3, () -> runInstance(imgs));
    }
    if (imgs.size() < MAX_IMAGES) {
      add(ops, 1, this::importImage);
    }
    imgs.forEach((id, img) -> {
      if (!"Creating".equals(img.path("Status").asText())) {
        add(ops, 1, () -> deleteImage(id));
      }
    });
    if (!inst.isEmpty()) {
      String id = List.copyOf(inst.keySet()).get(rnd.nextInt(inst.size()));
      add(ops, 1, () -> send("ModifyInstanceAttribute", id, null, "InstanceId", id, "Description",
          "round trip " + rnd.nextInt(1000)));
    }
    inst.forEach((id, i) -> {
      String status = i.path("Status").asText();
      boolean capture = imgs.size() < MAX_IMAGES && (status.equals("Running") || status.equals("Stopped"));
      if (capture) {
        add(ops, 1, () -> captureImage(id));
      }
      switch (status) {
        case "Running" -> {
          add(ops, 3, () -> send("StopInstance", id, null, "InstanceId", id, "ForceStop", bool(0.85)));
          add(ops, 2, () -> send("RebootInstance", id, null, "InstanceId", id, "ForceStop", bool(0.5)));
          add(ops, 1, () -> deleteInstance(id, true));
        }
        case "Stopped" -> {
          if (alive < MAX_GUESTS) {
            add(ops, 3, () -> send("StartInstance", id, null, "InstanceId", id));
          }
          add(ops, 2, () -> deleteInstance(id, rnd.nextBoolean()));
          String other = i.path("InstanceType").asText().equals(EcsboxHarness.NANO) ? OTHER_TYPE : EcsboxHarness.NANO;
          add(ops, 1, () -> send("ModifyInstanceSpec", id, null, "InstanceId", id, "InstanceType", other));
        }
        default -> add(ops, 1, () -> deleteInstance(id, true));
      }
    });
    ops.get(rnd.nextInt(ops.size())).run();
  }

  private void runInstance(Map<String, JsonNode> custom) {
    List<String> images = new ArrayList<>(List.of(EcsboxHarness.IMAGE_ID));
    custom.forEach((id, img) -> {
      if ("Available".equals(img.path("Status").asText())) {
        images.add(id);
      }
    });
    int n = names.incrementAndGet();
    String name = "lc-" + n;
    String[] params = {"ImageId", images.get(rnd.nextInt(images.size())), "InstanceType", EcsboxHarness.NANO,
        "InstanceName", name, "ClientToken", "lc-" + seed + "-" + n};
    JsonNode r = send("RunInstances", name, () -> ledger.lostRun(new LifecycleLedger.Run(name, params)), params);
    if (r != null) {
      r.path("InstanceIdSets").path("InstanceIdSet").forEach(id -> ledger.instances.created(id.asText(), name));
    }
  }

  private void deleteInstance(String id, boolean force) {
    if (send("DeleteInstance", id + (force ? " Force" : ""), () -> ledger.instances.maybeDeleted(id),
        "InstanceId", id, "Force", String.valueOf(force)) != null) {
      ledger.instances.deleted(id);
    }
  }

  private void importImage() {
    String name = "imp-" + names.incrementAndGet();
    JsonNode r = send("ImportImage", name, () -> ledger.images.lostCreate(name), "ImageName", name,
        "DiskDeviceMapping.1.OSSObject", importSource.toString(), "DiskDeviceMapping.1.Format", "qcow2");
    if (r != null) {
      ledger.images.created(r.path("ImageId").asText(), name);
    }
  }

  private void captureImage(String instanceId) {
    String name = "cap-" + names.incrementAndGet();
    JsonNode r = send("CreateImage", instanceId + " " + name, () -> ledger.images.lostCreate(name),
        "InstanceId", instanceId, "ImageName", name);
    if (r != null) {
      ledger.images.created(r.path("ImageId").asText(), name);
    }
  }

  private void deleteImage(String id) {
    boolean force = rnd.nextBoolean();
    if (send("DeleteImage", id + (force ? " Force" : ""), () -> ledger.images.maybeDeleted(id), "ImageId", id,
        "Force", String.valueOf(force)) != null) {
      ledger.images.deleted(id);
    }
  }

  /**
   * Sends a mutating call; returns its answer, or null for an error answer. Without an answer
   * {@code lost} runs (the call may or may not have taken effect) and the loop ends.
   */
  private JsonNode send(String action, String target, Runnable lost, String... kv) {
    if (stop.get()) {
      throw new Stopped();
    }
    synchronized (this) {
      sent++;
      lastSent = action + " " + target;
      notifyAll();
    }
    try {
      JsonNode r = d.call(action, kv);
      ledger.event(action + " " + target);
      return r;
    } catch (StorageKit.ApiError e) {
      ledger.event(action + " " + target + " -> " + e.code);
      if (e.status >= 500) { // the daemon failed inside: the call may have done something
        ledger.serverError(action + " " + target + ": " + e.getMessage());
        if (lost != null) {
          lost.run();
        }
      }
      return null;
    } catch (UncheckedIOException e) {
      ledger.event(action + " " + target + " -> no answer");
      if (lost != null) {
        lost.run();
      }
      throw new Stopped();
    }
  }

  private String bool(double p) {
    return String.valueOf(rnd.nextDouble() < p);
  }

  private static void add(List<Runnable> ops, int weight, Runnable op) {
    for (int i = 0; i < weight; i++) {
      ops.add(op);
    }
  }
}
