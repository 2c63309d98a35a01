package io.ecsbox.compute.type;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceTypeCsvTest {

  private static InstanceTypeCsv.Table read(String text) throws Exception {
    return InstanceTypeCsv.read(new StringReader(text));
  }

  @Test
  void readsFamiliesTypesAndExtras() throws Exception {
    var table = read("""
        # comment

        family,ecs.gn9,ecs-6,EnterpriseLevel,GPU,17
        type,ecs.gn9-c4g1.xlarge,4,16,2.5,500,3,10,gpu=2:NVIDIA X1:48
        family,ecs.x9,ecs-6,EnterpriseLevel,ECS Bare Metal,9,bare-metal,rdma
        type,ecs.x9.large,2,4,1,300,2,6,local=2:100:local_ssd_pro
        """);
    assertEquals(List.of(new Family("ecs.gn9", "ecs-6"), new Family("ecs.x9", "ecs-6")), table.families());
    InstanceType gpu = table.types().get(0);
    assertEquals(new InstanceType.Gpu(2, "NVIDIA X1", 48), gpu.gpu());
    assertEquals(2_560_000, gpu.network().bandwidthRxKbps());
    assertEquals(500_000, gpu.network().ppsTx());
    InstanceType x9 = table.types().get(1);
    assertTrue(x9.bareMetal() && x9.rdma());
    assertEquals(9, x9.diskQuantity());
    assertEquals(new InstanceType.LocalStorage(2, 100, "local_ssd_pro"), x9.localStorage());
  }

  @Test
  void badRowsNameTheLine() {
    var noFamily = assertThrows(IllegalStateException.class,
        () -> read("type,ecs.g9.large,2,8,1,300,2,6\n"));
    assertTrue(noFamily.getMessage().startsWith("instance-types.csv line 1:"), noFamily.getMessage());
    var badExtra = assertThrows(IllegalStateException.class, () -> read(
        "family,ecs.g9,ecs-6,EnterpriseLevel,General-purpose,17\ntype,ecs.g9.large,2,8,1,300,2,6,gpu=1\n"));
    assertTrue(badExtra.getMessage().startsWith("instance-types.csv line 2:"), badExtra.getMessage());
    var badLevel = assertThrows(IllegalStateException.class,
        () -> read("family,ecs.g9,ecs-6,Premium,General-purpose,17\n"));
    assertTrue(badLevel.getMessage().contains("Premium"), badLevel.getMessage());
  }
}
