package io.ecsbox.cli.disk;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Progress;
import io.ecsbox.client.Json;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code --wait}/{@code --timeout} options of the asynchronous disk commands, and the wait
 * itself: polls DescribeDisks every second, showing the disk's status on stderr, until the disk
 * reaches a status or is gone.
 */
public final class DiskWait {
  @Option(names = "--wait", description = "Wait until the operation finished (see above).")
  boolean wait;

  @Option(
      names = "--timeout",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description = "Give up waiting after this long; exit code 4 (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  /**
   * Waits until disk {@code diskId} has status {@code goal}, or is gone when {@code goal} is
   * null. Answers the disk as last seen (null when gone).
   *
   * @throws io.ecsbox.client.EcsApiException {@code InvalidDiskId.NotFound} when the disk
   *     disappears while we wait for a status
   * @throws io.ecsbox.client.WaitTimeoutException when the timeout passes first (exit code 4)
   */
  JsonNode until(CliContext ctx, String diskId, String goal) {
    String want = goal == null ? "deleted" : goal;
    Progress progress = ctx.progress();
    JsonNode[] last = new JsonNode[1];
    String[] now = {"unknown"};
    try {
      ctx.waiter().until(Duration.ofSeconds(timeoutSeconds),
          () -> diskId + " to be " + want + " (now " + now[0] + ")",
          elapsed -> {
            last[0] = Disks.find(ctx, diskId);
            if (last[0] == null && goal != null) {
              throw Disks.notFound(diskId);
            }
            now[0] = last[0] == null ? "deleted" : Json.text(last[0], "Status");
            progress.update(diskId + " " + now[0], elapsed);
            return want.equals(now[0]);
          });
    } finally {
      progress.done();
    }
    return last[0];
  }
}
