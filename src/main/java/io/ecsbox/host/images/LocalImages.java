package io.ecsbox.host.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.agent.Checksum;
import io.ecsbox.agent.ImageAgent;
import io.ecsbox.common.HttpUrls;
import io.ecsbox.host.files.ImageFiles;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import io.ecsbox.host.qemuimg.DiskImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image files under this host's data dir: {@code images/system} (the operator's manifests
 * and files), {@code images/store} (system images pinned by SHA-256) and {@code images/custom}
 * (imported and captured images). Jobs run on threads of their own; a job's files go through
 * {@code .part} (and {@code .download}) files, which a new agent removes at start.
 */
public final class LocalImages implements ImageAgent {
  private static final Logger log = LoggerFactory.getLogger(LocalImages.class);
  private static final int MAX_CHECKSUM_LIST = 1 << 20;
  private final Path dataDir;
  private final Path systemDir;
  private final Path customDir;
  private final Path storeDir;
  private final DiskImages disks;
  private final DownloadLimits limits;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Running> jobs = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "image");
    t.setDaemon(true);
    return t;
  });
  private HttpClient http;

  /** One job: its state, changed under its own lock, and waited for there. */
  private static final class Running {
    private JobState state = new JobState(JobState.Status.RUNNING, 0, null, null, 0, null);

    synchronized JobState get() {
      return state;
    }

    synchronized void set(JobState s) {
      state = s;
      notifyAll();
    }

    synchronized JobState await(int seenPercent, Duration atMost) throws InterruptedException {
      long deadline = System.nanoTime() + atMost.toNanos();
      while (state.running() && state.percent() == seenPercent) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return state;
    }
  }

  /** Removes what a crash left of jobs (nothing writes yet). */
  public LocalImages(Path dataDir, DiskImages disks, DownloadLimits limits) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.systemDir = this.dataDir.resolve("images/system");
    this.customDir = this.dataDir.resolve("images/custom");
    this.storeDir = this.dataDir.resolve("images/store");
    this.disks = disks;
    this.limits = limits;
    if (Files.isDirectory(customDir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(customDir, "*.{part,download}")) {
        for (Path p : ds) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  // ---- system images

  @Override
  public List<SystemImage> systemImages() {
    List<SystemImage> out = new ArrayList<>();
    if (!Files.isDirectory(systemDir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(systemDir, "*.json")) {
      for (Path manifest : ds) {
        try {
          out.add(read(manifest));
        } catch (IOException | RuntimeException e) {
          log.warn("skipping image manifest {}: {}", manifest, e.getMessage());
        }
      }
    } catch (IOException e) {
      log.warn("cannot list {}: {}", systemDir, e.getMessage());
    }
    return out;
  }

  private SystemImage read(Path manifest) throws IOException {
    JsonNode m = json.readTree(manifest.toFile());
    String id = m.path("ImageId").asText();
    Path file = systemDir.resolve(m.path("File").asText());
    if (id.isEmpty() || !Files.isRegularFile(file)) {
      throw new IOException("no ImageId or missing file " + file);
    }
    String sha = m.path("Sha256").asText("");
    return new SystemImage(id, manifest, pin(file, sha), sha, m.path("ImageName").asText(id),
        m.path("Description").asText(""), m.path("OSType").asText("linux"), m.path("OSName").asText(id),
        m.path("Platform").asText("Others Linux"), m.path("Architecture").asText("x86_64"),
        m.path("Format").asText("qcow2"), Math.max(1, m.path("SizeGiB").asInt(1)),
        m.path("IsSupportCloudinit").asBoolean(true));
  }

  /**
   * Instances' disks are overlays of their image file, so that file must never change: the
   * image is pinned as {@code images/store/<sha256>.qcow2}, a hard link (a copy across file
   * systems). Rebuilding the system image later replaces the manifest's file, not the pin.
   */
  private Path pin(Path file, String sha) throws IOException {
    if (!sha.matches("[0-9a-f]{64}")) {
      throw new IOException("manifest has no valid Sha256 for " + file);
    }
    Path pinned = storeDir.resolve(sha + ".qcow2");
    if (Files.exists(pinned)) {
      return pinned;
    }
    String actual = ImageFiles.sha256(file);
    if (!actual.equals(sha)) {
      throw new IOException(file + " has sha256 " + actual + ", not the manifest's " + sha + " (rebuild in progress?)");
    }
    Files.createDirectories(storeDir);
    Path part = storeDir.resolve(sha + ".qcow2.part");
    Files.deleteIfExists(part);
    try {
      Files.createLink(part, file);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(file, part);
    }
    Files.move(part, pinned, StandardCopyOption.ATOMIC_MOVE);
    return pinned;
  }

  @Override
  public boolean sourceReadable(Path file) {
    return Files.isRegularFile(file) && Files.isReadable(file);
  }

  // ---- jobs

  @Override
  public JobState startImage(Job job) {
    Running fresh = new Running();
    Running cur = jobs.compute(job.imageId(), (id, old) -> old != null && old.get().running() ? old : fresh);
    if (cur == fresh) {
      threads.execute(() -> fresh.set(run(job, fresh)));
    }
    return cur.get();
  }

  @Override
  public JobState awaitImage(String imageId, int seenPercent, Duration atMost) {
    Running r = jobs.get(imageId);
    if (r == null) {
      return JobState.UNKNOWN;
    }
    try {
      JobState s = r.await(seenPercent, atMost);
      if (!s.running()) {
        jobs.remove(imageId, r);
      }
      return s;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return r.get();
    }
  }

  // Download (URL only), verify, convert: percent 0-49 for the download, 50-99 for the conversion.
  // A capture converts a chain of our own layers with percent 0-99.
  private JobState run(Job job, Running r) {
    Path dst = customDir.resolve(job.imageId() + ".qcow2");
    Path download = customDir.resolve(job.imageId() + ".download");
    List<Path> leftovers = List.of(dst, ImageFiles.partOf(dst), download, ImageFiles.partOf(download));
    try {
      leftovers.forEach(ImageFiles::deleteQuietly);
      Files.createDirectories(customDir);
      if (job.layer() != null) {
        disks.convertToQcow2(abs(job.layer()), "qcow2", dst, pct -> progress(r, (int) pct));
      } else {
        boolean remote = HttpUrls.isUrl(job.source());
        Checksum sum = job.checksum();
        Path src;
        if (remote) {
          URI url = HttpUrls.httpUrl(job.source());
          sum = resolve(sum, fileName(url.getPath()));
          String got = ImageFiles.download(http(), url, download, limits, sum == null ? null : sum.jreAlgorithm(),
              pct -> progress(r, (int) pct * 49 / 100));
          src = download;
          if (sum != null) {
            sum.verify(got);
          }
        } else {
          src = Path.of(job.source());
          sum = resolve(sum, src.getFileName().toString());
          if (sum != null) {
            sum.verify(ImageFiles.digest(src, sum.jreAlgorithm()));
          }
        }
        int base = remote ? 50 : 0;
        // Detected, not declared: the detection refuses images that name host files as backing.
        disks.convertToQcow2(src, "auto", dst, pct -> progress(r, base + (int) pct * (99 - base) / 100));
        Files.deleteIfExists(download);
      }
      String sha = ImageFiles.sha256(dst);
      long virtual = disks.info(dst).virtualSizeBytes();
      return new JobState(JobState.Status.DONE, 100, dst, sha, virtual, null);
    } catch (IOException | RuntimeException e) {
      leftovers.forEach(ImageFiles::deleteQuietly);
      return new JobState(JobState.Status.FAILED, r.get().percent(), null, null, 0,
          String.valueOf(e.getMessage()));
    }
  }

  private static void progress(Running r, int pct) {
    int p = Math.max(0, Math.min(99, pct));
    if (p != r.get().percent()) {
      r.set(new JobState(JobState.Status.RUNNING, p, null, null, 0, null));
    }
  }

  // A file: checksum names a list; the line for the source's file name is the digest.
  private Checksum resolve(Checksum sum, String fileName) throws IOException {
    if (sum == null || !sum.isList()) {
      return sum;
    }
    return sum.pick(ImageFiles.fetchText(http(), sum.list(), limits, MAX_CHECKSUM_LIST), fileName);
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = ImageFiles.httpClient(limits);
    }
    return http;
  }

  // ---- garbage

  @Override
  public boolean deleteImageFile(Path file) {
    Path f = abs(file);
    try {
      return ours(f) && Files.deleteIfExists(f);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", f, e.getMessage());
      return false;
    }
  }

  @Override
  public int collectImageFiles(Set<Path> keep, Set<String> imageIds) {
    Set<Path> kept = new HashSet<>();
    keep.forEach(p -> kept.add(abs(p)));
    try {
      Set<String> manifestShas = manifestShas();
      return sweep(storeDir, f -> !kept.contains(f) && !manifestShas.contains(stem(f)))
          + sweep(customDir, f -> !kept.contains(f) && !imageIds.contains(stem(f)));
    } catch (IOException e) {
      log.warn("image files kept: {}", e.getMessage());
      return 0;
    }
  }

  private int sweep(Path dir, Predicate<Path> garbage) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int n = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.qcow2")) {
      for (Path f : ds) {
        if (garbage.test(f.normalize()) && Files.deleteIfExists(f)) {
          log.info("removed unused image file {}", f);
          n++;
        }
      }
    }
    return n;
  }

  private Set<String> manifestShas() throws IOException {
    Set<String> out = new HashSet<>();
    if (!Files.isDirectory(systemDir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(systemDir, "*.json")) {
      for (Path m : ds) {
        try {
          out.add(json.readTree(m.toFile()).path("Sha256").asText(""));
        } catch (IOException e) {
          throw new IOException("cannot read manifest " + m + " (keeping every pinned file): " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  private Path abs(Path p) {
    return dataDir.resolve(p).normalize();
  }

  private boolean ours(Path f) {
    return f.startsWith(customDir) || f.startsWith(storeDir);
  }

  private static String stem(Path f) {
    String n = f.getFileName().toString();
    return n.endsWith(".qcow2") ? n.substring(0, n.length() - ".qcow2".length()) : n;
  }

  private static String fileName(String urlPath) {
    String p = urlPath == null ? "" : urlPath;
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
