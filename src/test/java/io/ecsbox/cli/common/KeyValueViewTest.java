package io.ecsbox.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code instance show} and the like: dotted keys, values aligned, long nested keys do not push them right. */
class KeyValueViewTest {
  @Test
  void alignsShortKeysAndLetsLongOnesOverflow() throws Exception {
    String json = "{\"InstanceId\":\"i-1\",\"Status\":\"Running\",\"VpcAttributes\":{\"PrivateIpAddress\":"
        + "{\"IpAddress\":[\"10.0.0.2\",\"10.0.0.3\"]}},\"NetworkInterfaces\":{\"NetworkInterface\":[{"
        + "\"PrivateIpSets\":{\"PrivateIpSet\":[{\"PrivateIpAddress\":\"10.0.0.2\",\"Primary\":true}]}}]}}";
    String out = KeyValueView.render(new ObjectMapper().readTree(json));
    assertEquals("""
        InstanceId:                       i-1
        Status:                           Running
        VpcAttributes.PrivateIpAddress:   10.0.0.2, 10.0.0.3
        NetworkInterfaces.NetworkInterface[0].PrivateIpSets.PrivateIpSet[0].PrivateIpAddress: 10.0.0.2
        NetworkInterfaces.NetworkInterface[0].PrivateIpSets.PrivateIpSet[0].Primary: true
        """, out);
    out.lines().filter(l -> l.length() < 40).forEach(l -> assertTrue(l.indexOf(':') < KeyValueView.MAX_ALIGNED_KEY + 1));
  }

  @Test
  void shortObjectsAlignToTheirLongestKey() throws Exception {
    assertEquals("A:      1\nLonger: x\n", KeyValueView.render(new ObjectMapper().readTree("{\"A\":1,\"Longer\":\"x\"}")));
  }
}
