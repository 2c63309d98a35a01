package io.ecsbox.compute.type;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the catalog table ({@code instance-types.csv}): {@code family,…} rows, then
 * {@code type,…} rows whose family row came before. The format is described in the file itself.
 * A bad row fails with the line number, so a typo stops the daemon at start, not at launch.
 */
final class InstanceTypeCsv {
  /** ECS reports bandwidth in Kbit/s with 1 Gbit/s = 1,024,000 Kbit/s. */
  static final long KBPS_PER_GBPS = 1_024_000L;
  /** Burstable types get 30 initial credits per vCPU. */
  static final int INITIAL_CREDITS_PER_VCPU = 30;

  private record FamilyRow(Family family, FamilyLevel level, String category, int diskQuantity,
      boolean bareMetal, boolean rdma) {}

  /** Families in file order and types in file order. */
  record Table(List<Family> families, List<InstanceType> types) {}

  private InstanceTypeCsv() {}

  static Table read(Reader in) throws IOException {
    Map<String, FamilyRow> families = new LinkedHashMap<>();
    List<InstanceType> types = new ArrayList<>();
    BufferedReader lines = new BufferedReader(in);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] f = text.split(",", -1);
      try {
        switch (f[0]) {
          case "family" -> {
            FamilyRow row = family(f);
            if (families.putIfAbsent(row.family().id(), row) != null) {
              throw new IllegalArgumentException("duplicate family " + row.family().id());
            }
          }
          case "type" -> types.add(type(f, families));
          default -> throw new IllegalArgumentException("row must start with family or type");
        }
      } catch (RuntimeException e) {
        throw new IllegalStateException("instance-types.csv line " + number + ": " + e.getMessage(), e);
      }
    }
    List<Family> familyList = families.values().stream().map(FamilyRow::family).toList();
    return new Table(familyList, List.copyOf(types));
  }

  private static FamilyRow family(String[] f) {
    if (f.length < 6) {
      throw new IllegalArgumentException("family row needs id,generation,level,category,diskQuantity");
    }
    boolean bareMetal = false;
    boolean rdma = false;
    for (int i = 6; i < f.length; i++) {
      switch (f[i]) {
        case "bare-metal" -> bareMetal = true;
        case "rdma" -> rdma = true;
        default -> throw new IllegalArgumentException("unknown family flag " + f[i]);
      }
    }
    return new FamilyRow(new Family(f[1], f[2]), FamilyLevel.fromApiName(f[3]), f[4],
        Integer.parseInt(f[5]), bareMetal, rdma);
  }

  private static InstanceType type(String[] f, Map<String, FamilyRow> families) {
    if (f.length < 8) {
      throw new IllegalArgumentException("type row needs id,vcpus,memGiB,gbps,kpps,enis,ipsPerEni");
    }
    String id = f[1];
    String familyId = InstanceTypeName.parse(id).map(InstanceTypeName::familyId)
        .orElseThrow(() -> new IllegalArgumentException("not an ecs.<family>.<size> id: " + id));
    FamilyRow fam = families.get(familyId);
    if (fam == null) {
      throw new IllegalArgumentException(id + ": family " + familyId + " has no family row above it");
    }
    int vcpus = Integer.parseInt(f[2]);
    long kbps = Math.round(Double.parseDouble(f[4]) * KBPS_PER_GBPS);
    long pps = Math.round(Double.parseDouble(f[5]) * 1000);
    var network = new InstanceType.Network(Integer.parseInt(f[6]), Integer.parseInt(f[7]),
        kbps, kbps, pps, pps);
    var gpu = InstanceType.Gpu.NONE;
    var fpga = InstanceType.Fpga.NONE;
    var local = InstanceType.LocalStorage.NONE;
    var credit = InstanceType.Credit.NONE;
    for (int i = 8; i < f.length; i++) {
      String[] kv = f[i].split("=", 2);
      String[] p = kv.length == 2 ? kv[1].split(":") : new String[0];
      switch (kv[0]) {
        case "gpu" -> gpu = new InstanceType.Gpu(Integer.parseInt(p[0]), p[1], Double.parseDouble(p[2]));
        case "fpga" -> fpga = new InstanceType.Fpga(Integer.parseInt(p[0]), p[1]);
        case "local" -> local = new InstanceType.LocalStorage(Integer.parseInt(p[0]), Long.parseLong(p[1]), p[2]);
        case "burst" -> credit = new InstanceType.Credit(Integer.parseInt(p[0]) * vcpus,
            INITIAL_CREDITS_PER_VCPU * vcpus);
        default -> throw new IllegalArgumentException("unknown extra " + f[i]);
      }
    }
    return new InstanceType(id, familyId, fam.family().generation(), fam.level(), fam.category(), "X86",
        vcpus, Double.parseDouble(f[3]), fam.diskQuantity(), fam.bareMetal(), fam.rdma(),
        network, gpu, fpga, local, credit);
  }
}
