package io.ecsbox.network;

import io.ecsbox.common.ServiceException;
import io.ecsbox.network.eip.EipError;
import java.util.ArrayList;
import java.util.List;

/** {@link NicService.PublicIps} without public addresses: refuses to give any, records releases. */
public final class FakePublicIps implements NicService.PublicIps {
  public final List<String> releasedInstances = new ArrayList<>();
  public final List<String> releasedEnis = new ArrayList<>();

  @Override
  public void check(int bandwidthMbps) {
    throw new ServiceException(EipError.NOT_CONFIGURED, "no public range here");
  }

  @Override
  public void assign(String accountId, NetworkInterface primary, int bandwidthMbps) {
    check(bandwidthMbps);
  }

  @Override
  public synchronized void releaseForInstance(String instanceId) {
    releasedInstances.add(instanceId);
  }

  @Override
  public synchronized void releaseForEni(String eniId) {
    releasedEnis.add(eniId);
  }
}
