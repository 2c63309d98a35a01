package io.ecsbox.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Finding the OOM kill of a guest's QEMU in the kernel's log, as cgroup v1 and systemd name it. */
class KernelLogTest {
  private static final String LOG = String.join("\n",
      "[10624.229729] vnet62: entered promiscuous mode",
      "[10696.445905] CPU 0/TCG invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
      "[10696.448558] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=vcpu0,mems_allowed=0,"
          + "oom_memcg=/machine/qemu-239-i-gfbufu1nkdswmhzqkbmo.libvirt-qemu,"
          + "task_memcg=/machine/qemu-239-i-gfbufu1nkdswmhzqkbmo.libvirt-qemu,task=qemu-system-x86,pid=23195,uid=64055",
      "[10696.448610] Memory cgroup out of memory: Killed process 23195 (qemu-system-x86) total-vm:2097796kB",
      "[ 9000.100000] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
          + "task_memcg=/machine.slice/machine-qemu\\x2d3\\x2di\\x2dsystemdguest0001.scope/libvirt/emulator,"
          + "task=qemu-system-x86,pid=4242,uid=64055",
      "[10000.000000] oom-kill:constraint=CONSTRAINT_NONE,global_oom,task_memcg=/user.slice,task=java,pid=1,uid=0");

  private static KernelLog at(double uptime) {
    return new KernelLog(() -> LOG, () -> uptime);
  }

  @Test
  void findsTheGuestsOomKillUnderBothCgroupNamings() {
    assertTrue(at(10700).oomKilled("i-gfbufu1nkdswmhzqkbmo", Duration.ofMinutes(10)));
    assertTrue(at(9100).oomKilled("i-systemdguest0001", Duration.ofMinutes(10)));
  }

  @Test
  void ignoresOtherGuestsOtherTasksAndOldKills() {
    assertFalse(at(10700).oomKilled("i-someoneelse00000000", Duration.ofMinutes(10)));
    assertFalse(at(10700).oomKilled("i-systemdguest0001", Duration.ofMinutes(10)), "1,700 s ago");
    assertFalse(new KernelLog(() -> "", () -> 10.0).oomKilled("i-gfbufu1nkdswmhzqkbmo", Duration.ofMinutes(10)),
        "an unreadable log finds nothing");
  }
}
