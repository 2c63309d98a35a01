package io.ecsbox.bench;

import java.util.List;
import java.util.Map;

/**
 * What one density run measured once every wave was launched and the host had settled.
 *
 * @param guestsReady guests that printed READY and still run at the end
 * @param failures guests that did not come up, with why (a start the host refused, a timeout,
 *     a guest gone by the end)
 * @param memUsedMiB host memory the run took: MemAvailable before the first wave less after the last
 * @param rssMedianMiB median resident memory of a guest's QEMU
 * @param pssMedianMiB median proportional share of it (pages KSM or the page cache share, split)
 * @param ksmSavedMiB what KSM saved at the end, host-wide
 * @param ksmdCpuPercent what ksmd (KSM's scanner) used over the measuring window, in % of one core
 * @param idleCpuMedianPercent median CPU an idle READY guest's QEMU used over the measuring
 *     window, in percent of one core (under TCG what bounds how many idle guests a core carries)
 * @param bindingLimit what stopped the launches: a resource of the host, or "count" when the
 *     requested count was reached first
 * @param waves seconds from each wave's launch until its last guest was READY
 */
public record DensityResult(String label, int guestsReady, Map<String, String> failures, long memUsedMiB,
    double rssMedianMiB, double rssMaxMiB, double pssMedianMiB, long ksmSavedMiB, double ksmdCpuPercent,
    double idleCpuMedianPercent, String bindingLimit,
    List<Wave> waves) {
  /** One wave: how many guests it launched and how long until the last was READY (NaN if not all). */
  public record Wave(int guests, double readySeconds) {}

  /** Guests per GiB of host memory the run took. */
  public double guestsPerGiB() {
    return memUsedMiB <= 0 ? Double.NaN : guestsReady * 1024.0 / memUsedMiB;
  }
}
