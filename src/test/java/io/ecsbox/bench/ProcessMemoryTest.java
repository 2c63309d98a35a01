package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
  @Test
  void readsVmRssInMib() {
    assertEquals(200.5, ProcessMemory.vmRssMiB("Name:\tjava\nVmHWM:\t  300000 kB\nVmRSS:\t  205312 kB\n"));
    assertTrue(Double.isNaN(ProcessMemory.vmRssMiB("Name:\tkthreadd\n")));
  }

  @Test
  void findsTheListeningSocketOfAPort() {
    String table = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:4E20 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 111 1
           1: 0100007F:4E20 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 222 1
           2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1
        """;
    assertEquals(OptionalLong.of(222), ProcessMemory.listenInode(table, 20000));
    assertEquals(OptionalLong.of(333), ProcessMemory.listenInode(table, 22));
    assertEquals(OptionalLong.empty(), ProcessMemory.listenInode(table, 8080));
  }
}
