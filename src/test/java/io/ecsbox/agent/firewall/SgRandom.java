package io.ecsbox.agent.firewall;

import io.ecsbox.agent.firewall.SgRule.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random security-group models over a fixed set of NICs, for model-vs-kernel checks. */
public final class SgRandom {
  public static final int[] PORTS = {22, 80, 443, 5005, 8080};
  private static final String[] RANGES = {"22/22", "80/80", "80/443", "1/65535", "5000/5010", "8000/9000"};
  private static final String[] NORMAL = {"sg-r1", "sg-r2", "sg-r3"};

  private SgRandom() {}

  /** NICs 5 and 6 (if present) go to an enterprise group, the others to 1-2 random normal groups. */
  public static SgModel model(Random rnd, List<Nic> vms) {
    List<SecurityGroup> groups = new ArrayList<>();
    for (String g : NORMAL) {
      groups.add(new SecurityGroup(g, SecurityGroup.Type.NORMAL, rnd.nextBoolean(), rules(rnd, vms, true)));
    }
    groups.add(new SecurityGroup("sg-re", SecurityGroup.Type.ENTERPRISE, false, rules(rnd, vms, false)));
    List<Nic> nics = new ArrayList<>();
    for (int i = 0; i < vms.size(); i++) {
      List<String> gs = new ArrayList<>();
      if (i >= 4) {
        gs.add("sg-re");
      } else {
        gs.add(NORMAL[rnd.nextInt(3)]);
        String second = NORMAL[rnd.nextInt(3)];
        if (rnd.nextBoolean() && !gs.contains(second)) {
          gs.add(second);
        }
      }
      nics.add(vms.get(i).withGroups(gs));
    }
    return new SgModel(groups, nics);
  }

  private static List<SgRule> rules(Random rnd, List<Nic> vms, boolean drops) {
    List<SgRule> out = new ArrayList<>();
    int n = 2 + rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      Direction dir = rnd.nextInt(4) == 0 ? Direction.EGRESS : Direction.INGRESS;
      String proto = List.of("tcp", "udp", "icmp", "all").get(rnd.nextInt(4));
      String ports = proto.equals("tcp") || proto.equals("udp") ? RANGES[rnd.nextInt(RANGES.length)] : "-1/-1";
      String cidr = null;
      String group = null;
      String ip = vms.get(rnd.nextInt(vms.size())).ips().get(0);
      switch (rnd.nextInt(5)) {
        case 0 -> cidr = "0.0.0.0/0";
        case 1 -> cidr = ip + "/32";
        case 2 -> cidr = ip.substring(0, ip.lastIndexOf('.')) + ".0/30";
        default -> group = List.of("sg-r1", "sg-r2", "sg-r3", "sg-re").get(rnd.nextInt(4));
      }
      String policy = drops && rnd.nextInt(3) == 0 ? "drop" : "accept";
      out.add(SgRule.parse(dir, proto, ports, cidr, group, policy, "" + (1 + rnd.nextInt(4))));
    }
    return out;
  }
}
