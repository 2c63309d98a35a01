package io.ecsbox.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest side of the write benchmark: the user data that runs the tiny image's I/O probe
 * ({@code ecsbox-io write DEV MIB}: direct sequential writes) on two data disks found by their
 * serial, and the reading of the {@code ECSBOX-IO} lines it leaves on the serial console.
 */
final class GuestProbe {
  static final String FRESH = "fresh";
  static final String HISTORY = "history";
  static final String DONE = "ECSBOX-BENCH done";
  static final String ERROR = "ECSBOX-BENCH error=";
  private static final Pattern ROLES = Pattern.compile("ECSBOX-BENCH fresh=(vd[a-z]+) history=(vd[a-z]+)");
  private static final Pattern WRITE = Pattern.compile("ECSBOX-IO dev=(vd[a-z]+) op=write bytes=(\\d+) ms=(\\d+)");
  private static final Pattern ERROR_LINE = Pattern.compile("ECSBOX-BENCH error=(\\S+)");
  private static final double MIB = 1024.0 * 1024.0;
  private static final int WARMUP_MIB = 8;

  private GuestProbe() {}

  /** Write rates in MiB/s per role ({@link #FRESH}, {@link #HISTORY}), in console order. */
  record Rates(List<Double> fresh, List<Double> history) {}

  /**
   * A {@code #!/bin/sh} script: finds the disks (the guest sees the first 20 characters of a
   * disk id as its serial), writes 8 MiB to each as a warm-up (its lines are dropped), then
   * {@code rounds} writes of {@code mib} MiB to each, alternating which disk goes first
   * (F H, H F, F H, ...), then prints {@link #DONE}.
   */
  static String userData(String freshDiskId, String historyDiskId, int mib, int rounds) {
    StringBuilder s = new StringBuilder(1024)
        .append("#!/bin/sh\n")
        .append("# ecsbox bench snapshot: sequential direct writes on two data disks\n")
        .append("dev() {\n")
        .append("    for d in /sys/block/vd*; do\n")
        .append("        s=\n")
        .append("        read -r s 2>/dev/null <\"$d/serial\"\n")
        .append("        [ -n \"$s\" ] && case \"$1\" in \"$s\"*) echo \"${d##*/}\"; return 0 ;; esac\n")
        .append("    done\n")
        .append("    return 1\n")
        .append("}\n")
        .append("command -v ecsbox-io >/dev/null || { echo '").append(ERROR).append("no-ecsbox-io'; exit 1; }\n")
        .append("F=$(dev ").append(checkedId(freshDiskId)).append(") || { echo '").append(ERROR)
        .append("no-disk-").append(freshDiskId).append("'; exit 1; }\n")
        .append("H=$(dev ").append(checkedId(historyDiskId)).append(") || { echo '").append(ERROR)
        .append("no-disk-").append(historyDiskId).append("'; exit 1; }\n")
        .append("echo \"ECSBOX-BENCH ").append(FRESH).append("=$F ").append(HISTORY).append("=$H\"\n")
        .append("w() { ecsbox-io write \"$1\" ").append(mib).append(" || echo '").append(ERROR)
        .append("write-failed'; }\n")
        .append("# warm-up, not counted: the first write also pays for TCG translating the I/O path\n")
        .append("ecsbox-io write \"$F\" ").append(WARMUP_MIB).append(" >/dev/null\n")
        .append("ecsbox-io write \"$H\" ").append(WARMUP_MIB).append(" >/dev/null\n");
    for (int r = 0; r < rounds; r++) {
      s.append(r % 2 == 0 ? "w \"$F\"; w \"$H\"\n" : "w \"$H\"; w \"$F\"\n");
    }
    return s.append("echo '").append(DONE).append("'\n").toString();
  }

  /** The first {@code ECSBOX-BENCH error=...} reason on the console, or null. */
  static String error(String console) {
    Matcher m = ERROR_LINE.matcher(console);
    return m.find() ? m.group(1) : null;
  }

  /** True once the script printed {@link #DONE} on a line of its own. */
  static boolean done(String console) {
    return console.replace("\r", "").lines().anyMatch(l -> l.strip().equals(DONE));
  }

  /** The write rates the console shows, from each line's bytes and milliseconds. */
  static Rates rates(String console) {
    Map<String, String> roleOfDev = new HashMap<>();
    Matcher roles = ROLES.matcher(console);
    if (roles.find()) {
      roleOfDev.put(roles.group(1), FRESH);
      roleOfDev.put(roles.group(2), HISTORY);
    }
    List<Double> fresh = new ArrayList<>();
    List<Double> history = new ArrayList<>();
    Matcher w = WRITE.matcher(console);
    while (w.find()) {
      double mibps = Long.parseLong(w.group(2)) / MIB / (Math.max(1, Long.parseLong(w.group(3))) / 1000.0);
      String r = roleOfDev.get(w.group(1));
      if (FRESH.equals(r)) {
        fresh.add(mibps);
      } else if (HISTORY.equals(r)) {
        history.add(mibps);
      }
    }
    return new Rates(fresh, history);
  }

  // Disk ids reach a shell script: only our id shape passes.
  private static String checkedId(String id) {
    if (id == null || !id.matches("d-[a-z0-9]{1,40}")) {
      throw new IllegalArgumentException("not a disk id: " + id);
    }
    return id;
  }
}
