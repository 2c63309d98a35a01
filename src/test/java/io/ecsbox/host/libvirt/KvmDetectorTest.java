package io.ecsbox.host.libvirt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KvmDetectorTest {
  private static String caps(String arch, String... types) {
    StringBuilder d = new StringBuilder();
    for (String t : types) {
      d.append("<domain type='").append(t).append("'/>");
    }
    return "<capabilities><host/><guest><os_type>hvm</os_type><arch name='" + arch + "'>"
        + "<wordsize>64</wordsize>" + d + "</arch></guest></capabilities>";
  }

  @Test
  void kvmOfferedForX8664() {
    assertTrue(KvmDetector.capabilitiesOfferKvm(caps("x86_64", "qemu", "kvm")));
  }

  @Test
  void noKvmWhenOnlyQemuOrOtherArch() {
    assertFalse(KvmDetector.capabilitiesOfferKvm(caps("x86_64", "qemu")));
    assertFalse(KvmDetector.capabilitiesOfferKvm(caps("i686", "kvm")));
    assertFalse(KvmDetector.capabilitiesOfferKvm("not xml"));
  }

  @Test
  void missingDeviceMeansNoKvmWithoutAskingLibvirt() {
    assertFalse(KvmDetector.detect("test:///default", Path.of("/nonexistent/kvm")));
  }
}
