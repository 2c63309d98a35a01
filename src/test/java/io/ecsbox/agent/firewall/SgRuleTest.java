package io.ecsbox.agent.firewall;

import io.ecsbox.TestErrors;
import static io.ecsbox.agent.firewall.SgFixtures.in;
import static io.ecsbox.agent.firewall.SgFixtures.nic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecsbox.api.errors.EcsException;
import io.ecsbox.agent.firewall.SgRule.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class SgRuleTest {
  private static String code(Runnable r) {
    return TestErrors.thrown(r::run).code();
  }

  @Test
  void parsesEcsStrings() {
    SgRule r = SgRule.parse(Direction.INGRESS, "TCP", "22/80", "10.0.0.0/8", null, null, null);
    assertEquals(SgRule.Protocol.TCP, r.protocol());
    assertEquals(22, r.portFrom());
    assertEquals(80, r.portTo());
    assertEquals(SgRule.Policy.ACCEPT, r.policy());
    assertEquals(1, r.priority());
    assertEquals("10.0.0.0/8", r.cidr().toString());
    assertEquals(-1, in("icmp", "-1/-1", null, "drop", 5).portFrom());
  }

  @Test
  void cidrWinsOverGroup() {
    SgRule r = SgRule.parse(Direction.INGRESS, "all", "-1/-1", "10.1.0.0/16", "sg-a", "accept", "1");
    assertEquals(null, r.peerGroupId());
  }

  @Test
  void badInputGetsEcsCodes() {
    assertEquals("InvalidPortRange.Malformed", code(() -> in("tcp", "80/22", null, null, 1)));
    assertEquals("InvalidPortRange.Malformed", code(() -> in("tcp", "0/22", null, null, 1)));
    assertEquals("InvalidPortRange.Malformed", code(() -> in("udp", "1/65536", null, null, 1)));
    assertEquals("InvalidPortRange.Malformed", code(() -> in("tcp", "22", null, null, 1)));
    assertEquals("InvalidPortRange.Malformed", code(() -> in("icmp", "1/1", null, null, 1)));
    assertEquals("InvalidPriority.Malformed", code(() -> in("tcp", "22/22", null, null, 0)));
    assertEquals("InvalidPriority.Malformed", code(() -> in("tcp", "22/22", null, null, 101)));
    assertEquals("InvalidIpProtocol.Malformed", code(() -> in("sctp", "22/22", null, null, 1)));
    assertEquals("InvalidPolicy.Malformed", code(() -> in("tcp", "22/22", null, "reject", 1)));
    assertEquals("InvalidSourceCidrIp.Malformed", code(() -> in("tcp", "22/22", "10.0.0.300/8", null, 1)));
    assertEquals("InvalidSourceCidrIp.Malformed", code(() -> in("tcp", "22/22", "10.0.0.0/33", null, 1)));
  }

  @Test
  void groupAndNicLimits() {
    assertEquals("InvalidGroupParameter.OperationDenied",
        code(() -> SecurityGroup.enterprise("sg-e", List.of(in("tcp", "22/22", null, "drop", 1)))));
    SecurityGroup n = SecurityGroup.normal("sg-n", List.of());
    SecurityGroup e = SecurityGroup.enterprise("sg-e", List.of());
    assertEquals("InvalidSecurityGroup.TypeMismatch",
        code(() -> new SgModel(List.of(n, e), List.of(nic("eni-a", 1, "sg-n", "sg-e")))));
    assertEquals("InstanceSecurityGroupLimitExceeded",
        code(() -> nic("eni-a", 1, "sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6")));
    assertEquals("MissingParameter", code(() -> nic("eni-a", 1)));
    assertEquals("InvalidSecurityGroupId.NotFound",
        code(() -> new SgModel(List.of(n), List.of(nic("eni-a", 1, "sg-x")))));
    assertEquals("InvalidSourceGroupId.NotFound", code(() -> new SgModel(
        List.of(SecurityGroup.normal("sg-n", List.of(SgFixtures.inFromGroup("tcp", "1/65535", "sg-gone", null, 1)))),
        List.of())));
  }
}
