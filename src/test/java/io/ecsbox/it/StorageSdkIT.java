package io.ecsbox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.ecs.model.v20140526.ApplyAutoSnapshotPolicyRequest;
import com.aliyuncs.ecs.model.v20140526.CreateAutoSnapshotPolicyRequest;
import com.aliyuncs.ecs.model.v20140526.CreateDiskRequest;
import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteAutoSnapshotPolicyRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteDiskRequest;
import com.aliyuncs.ecs.model.v20140526.DeleteSnapshotRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeAutoSnapshotPolicyExRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeAutoSnapshotPolicyExResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeDisksResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;
import com.aliyuncs.exceptions.ClientException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official classic SDK (aliyun-java-sdk-ecs) drives disks, snapshots and snapshot policies. */
class StorageSdkIT {
  private static EcsboxHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = EcsboxHarness.start("storagesdk");
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static DescribeDisksResponse.Disk disk(String id) throws ClientException {
    DescribeDisksRequest r = new DescribeDisksRequest();
    r.setDiskIds("[\"" + id + "\"]");
    List<DescribeDisksResponse.Disk> l = h.call(r).getDisks();
    return l.isEmpty() ? null : l.get(0);
  }

  @Test
  void disksSnapshotsAndPoliciesThroughTheSdk() throws Exception {
    CreateDiskRequest cd = new CreateDiskRequest();
    cd.setZoneId(EcsboxHarness.ZONE);
    cd.setSize(100);
    cd.setDiskCategory("cloud_essd");
    cd.setPerformanceLevel("PL1");
    cd.setDiskName("sdk-disk");
    String diskId = h.call(cd).getDiskId();
    DescribeDisksResponse.Disk d = disk(diskId);
    assertEquals("Available", d.getStatus());
    assertEquals(100, d.getSize());
    assertEquals("cloud_essd", d.getCategory());
    assertEquals(6800, d.getIOPS(), "min(1800 + 50 x 100, 50000)");
    assertEquals(170, d.getThroughput(), "min(120 + 0.5 x 100, 350) MB/s");

    CreateSnapshotRequest cs = new CreateSnapshotRequest();
    cs.setDiskId(diskId);
    cs.setSnapshotName("sdk-snap");
    String snapId = h.call(cs).getSnapshotId();
    DescribeSnapshotsRequest ds = new DescribeSnapshotsRequest();
    ds.setDiskId(diskId);
    DescribeSnapshotsResponse.Snapshot s = h.waitUntil("snapshot " + snapId, Duration.ofSeconds(60), () -> {
      try {
        return h.call(ds).getSnapshots().get(0);
      } catch (ClientException e) {
        throw new IllegalStateException(e);
      }
    }, x -> "accomplished".equals(x.getStatus()), null);
    assertEquals(snapId, s.getSnapshotId());
    assertEquals("100%", s.getProgress());
    assertEquals("100", s.getSourceDiskSize());
    assertEquals("user", s.getSnapshotType());

    CreateAutoSnapshotPolicyRequest cp = new CreateAutoSnapshotPolicyRequest();
    cp.setAutoSnapshotPolicyName("nightly");
    cp.setTimePoints("[\"2\", \"14\"]");
    cp.setRepeatWeekdays("[\"1\",\"3\",\"5\"]");
    cp.setRetentionDays(7);
    String policyId = h.call(cp).getAutoSnapshotPolicyId();
    ApplyAutoSnapshotPolicyRequest ap = new ApplyAutoSnapshotPolicyRequest();
    ap.setAutoSnapshotPolicyId(policyId);
    ap.setDiskIds("[\"" + diskId + "\"]");
    h.call(ap);
    assertEquals(policyId, disk(diskId).getAutoSnapshotPolicyId());
    DescribeAutoSnapshotPolicyExRequest dp = new DescribeAutoSnapshotPolicyExRequest();
    dp.setAutoSnapshotPolicyId(policyId);
    DescribeAutoSnapshotPolicyExResponse.AutoSnapshotPolicy p = h.call(dp).getAutoSnapshotPolicies().get(0);
    assertEquals(1, p.getDiskNums());
    assertEquals(7, p.getRetentionDays());
    assertTrue(p.getTimePoints().contains("14"), p.getTimePoints());

    DeleteAutoSnapshotPolicyRequest del = new DeleteAutoSnapshotPolicyRequest();
    del.setAutoSnapshotPolicyId(policyId);
    h.call(del);
    assertEquals("", disk(diskId).getAutoSnapshotPolicyId());
    DeleteSnapshotRequest dsn = new DeleteSnapshotRequest();
    dsn.setSnapshotId(snapId);
    h.call(dsn);
    DeleteDiskRequest dd = new DeleteDiskRequest();
    dd.setDiskId(diskId);
    h.call(dd);
    assertEquals(null, disk(diskId));
  }
}
