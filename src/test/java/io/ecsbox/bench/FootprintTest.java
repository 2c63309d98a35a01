package io.ecsbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FootprintTest {
  private static final String STATUS = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  186292 kB\nRssAnon:\t  150000 kB\n"
      + "Threads:\t21\n";
  // jcmd PID GC.heap_info of a daemon under -XX:+UseSerialGC (JDK 17)
  private static final String SERIAL = "14949:\n"
      + " def new generation   total 78656K, used 55763K [0x00000000f0000000, 0x00000000f5550000, 0x00000000f5550000)\n"
      + "  eden space 69952K,  77% used [0x00000000f0000000, 0x00000000f34fdfa0, 0x00000000f4450000)\n"
      + "  from space 8704K,  17% used [0x00000000f4450000, 0x00000000f45c6ee0, 0x00000000f4cd0000)\n"
      + "  to   space 8704K,   0% used [0x00000000f4cd0000, 0x00000000f4cd0000, 0x00000000f5550000)\n"
      + " tenured generation   total 174784K, used 8017K [0x00000000f5550000, 0x0000000100000000, 0x0000000100000000)\n"
      + "   the space 174784K,   4% used [0x00000000f5550000, 0x00000000f5d24688, 0x00000000f5d24800, 0x0000000100000000)\n"
      + " Metaspace       used 19990K, committed 20352K, reserved 1114112K\n"
      + "  class space    used 2211K, committed 2368K, reserved 1048576K\n";
  private static final String G1 = "6310:\n"
      + " garbage-first heap   total 397312K, used 17946K [0x0000000687400000, 0x0000000800000000)\n"
      + "  region size 4096K, 4 young (16384K), 0 survivors (0K)\n"
      + " Metaspace       used 8929K, committed 9088K, reserved 1114112K\n"
      + "  class space    used 1062K, committed 1152K, reserved 1048576K\n";
  private static final String NMT = "6310:\n\nNative Memory Tracking:\n\n"
      + "(Omitting categories weighting less than 1KB)\n\n"
      + "Total: reserved=7842507KB, committed=484723KB\n"
      + "       malloc: 10115KB #61043\n"
      + "       mmap:   reserved=7832392KB, committed=474608KB\n\n"
      + "-                 Java Heap (reserved=6172672KB, committed=397312KB)\n"
      + "                            (mmap: reserved=6172672KB, committed=397312KB) \n \n"
      + "-                    Thread (reserved=19506KB, committed=890KB)\n"
      + "                            (thread #19)\n"
      + "                            (stack: reserved=19456KB, committed=840KB)\n \n"
      + "-                      Code (reserved=247862KB, committed=7722KB)\n";

  @Test
  void serialGenerationsAddUpAndTheirSpacesAreNotCountedTwice() {
    Footprint f = Footprint.parse(STATUS, SERIAL, "14949:\nNative memory tracking is not enabled\n");
    assertEquals(186292 / 1024.0, f.rssMiB(), 1e-9);
    assertEquals(21, f.threads());
    assertEquals((55763 + 8017) / 1024.0, f.heapUsedMiB(), 1e-9);
    assertEquals((78656 + 174784) / 1024.0, f.heapCommittedMiB(), 1e-9);
    assertEquals(19990 / 1024.0, f.metaspaceUsedMiB(), 1e-9);
    assertEquals(20352 / 1024.0, f.metaspaceCommittedMiB(), 1e-9);
    assertTrue(f.nativeCommittedMiB().isEmpty());
  }

  @Test
  void g1HeapAndNativeCategories() {
    Footprint f = Footprint.parse(STATUS, G1, NMT);
    assertEquals(17946 / 1024.0, f.heapUsedMiB(), 1e-9);
    assertEquals(397312 / 1024.0, f.heapCommittedMiB(), 1e-9);
    assertEquals(Map.of("Total", 484723 / 1024.0, "Java Heap", 397312 / 1024.0, "Thread", 890 / 1024.0,
        "Code", 7722 / 1024.0), f.nativeCommittedMiB());
  }

  @Test
  void whatCannotBeReadIsNaNAndNullInJson() {
    Footprint f = Footprint.parse("Name:\tjava\n", "", "");
    assertTrue(Double.isNaN(f.rssMiB()) && Double.isNaN(f.heapUsedMiB()) && Double.isNaN(f.metaspaceUsedMiB()));
    assertEquals(-1, f.threads());
    assertTrue(f.json().get("HeapUsedMiB").isNull());
    assertEquals(186292 / 1024.0, Footprint.parse(STATUS, "", "").json().get("RssMiB").asDouble(), 0.01);
  }
}
