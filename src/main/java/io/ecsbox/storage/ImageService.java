package io.ecsbox.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.common.EcsException;
import io.ecsbox.common.Ids;
import io.ecsbox.store.ImageStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images: system images installed as manifests under {@code DATA_DIR/images/system}, and
 * custom images imported from local files into {@code DATA_DIR/images/custom} as qcow2.
 */
public final class ImageService {
  private static final Logger log = LoggerFactory.getLogger(ImageService.class);
  private static final long GIB = 1L << 30;
  private static final Set<String> FORMATS = Set.of("qcow2", "raw", "vhd", "vmdk", "vdi", "auto");

  private final ImageStore store;
  private final DiskImages disks;
  private final Path systemDir;
  private final Path customDir;
  private final Path storeDir;
  private final Executor workers;
  private final ObjectMapper json = new ObjectMapper();

  public ImageService(ImageStore store, DiskImages disks, Path dataDir, Executor workers) {
    this.store = store;
    this.disks = disks;
    this.systemDir = dataDir.resolve("images/system");
    this.customDir = dataDir.resolve("images/custom");
    this.storeDir = dataDir.resolve("images/store");
    this.workers = workers;
  }

  /** What ImportImage asks for. */
  public record ImportRequest(String accountId, Path source, String format, String name,
      String description, String osType, String platform, String architecture) {}

  /** Re-reads the system image manifests; new or changed ones become Available images. */
  public void scanSystemImages() {
    if (!Files.isDirectory(systemDir)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(systemDir, "*.json")) {
      for (Path manifest : ds) {
        try {
          registerManifest(manifest);
        } catch (IOException | RuntimeException e) {
          log.warn("skipping image manifest {}: {}", manifest, e.getMessage());
        }
      }
    } catch (IOException e) {
      log.warn("cannot list {}: {}", systemDir, e.getMessage());
    }
  }

  private void registerManifest(Path manifest) throws IOException {
    JsonNode m = json.readTree(manifest.toFile());
    String id = m.path("ImageId").asText();
    Path file = systemDir.resolve(m.path("File").asText());
    if (id.isEmpty() || !Files.isRegularFile(file)) {
      throw new IOException("no ImageId or missing file " + file);
    }
    Optional<Image> old = store.find(id);
    String sha = m.path("Sha256").asText("");
    if (old.isPresent() && sha.equals(old.get().sha256())) {
      return;
    }
    Path pinned = pin(file, sha);
    store.put(new Image(id, null, "system", m.path("ImageName").asText(id),
        m.path("Description").asText(""), Image.AVAILABLE, 100, m.path("OSType").asText("linux"),
        m.path("OSName").asText(id), m.path("Platform").asText("Others Linux"),
        m.path("Architecture").asText("x86_64"), m.path("Format").asText("qcow2"),
        Math.max(1, m.path("SizeGiB").asInt(1)), pinned.toString(), sha, manifest.toString(), null,
        m.path("IsSupportCloudinit").asBoolean(true), old.map(Image::created).orElse(Instant.now())));
    log.info("registered system image {} ({}, sha256 {})", id, file, sha);
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
    Files.move(part, pinned, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return pinned;
  }

  public List<Image> all() {
    scanSystemImages();
    return store.all();
  }

  /** The image if the account may use it (system images, or its own). */
  public Optional<Image> find(String accountId, String id) {
    Optional<Image> i = store.find(id);
    if (i.isEmpty()) {
      scanSystemImages();
      i = store.find(id);
    }
    return i.filter(img -> img.accountId() == null || img.accountId().equals(accountId));
  }

  /** An image usable for a new instance, or the ECS error saying why not. */
  public Image requireAvailable(String accountId, String id) {
    Image img = find(accountId, id).orElseThrow(() -> EcsException.notFound(
        "InvalidImageId.NotFound", "The specified ImageId does not exist."));
    if (!Image.AVAILABLE.equals(img.status())) {
      throw EcsException.forbidden("IncorrectImageStatus",
          "The specified image is " + img.status() + ", not Available.");
    }
    return img;
  }

  /** Starts an import; the image is Creating until the copy finishes. Returns the new id. */
  public String importImage(ImportRequest req) {
    Path src = req.source();
    if (!src.isAbsolute()) {
      throw EcsException.invalid("DiskDeviceMapping.1.OSSObject", "give an absolute path on the daemon's host");
    }
    if (!Files.isRegularFile(src) || !Files.isReadable(src)) {
      throw EcsException.notFound("InvalidOSSObject.NotFound", "The image file " + src + " does not exist or is not readable.");
    }
    String format = req.format() == null ? "auto" : req.format().toLowerCase();
    if (!FORMATS.contains(format)) {
      throw EcsException.invalid("DiskDeviceMapping.1.Format", "use qcow2, raw, vhd, vmdk or vdi");
    }
    String id = Ids.next("m");
    String name = req.name() == null ? id : req.name();
    store.put(new Image(id, req.accountId(), "self", name, nz(req.description()), Image.CREATING, 0,
        nz(req.osType(), "linux"), name, nz(req.platform(), "Others Linux"),
        nz(req.architecture(), "x86_64"), "qcow2", 1, null, null, src.toString(), null, true, Instant.now()));
    // Detected, not declared: the detection refuses images that name host files as backing.
    workers.execute(() -> copyIn(id, src, "auto"));
    return id;
  }

  private void copyIn(String id, Path src, String format) {
    Path dst = customDir.resolve(id + ".qcow2");
    try {
      Files.createDirectories(customDir);
      int[] last = {-1};
      disks.convertToQcow2(src, format, dst, pct -> {
        if (pct != last[0]) {
          last[0] = (int) pct;
          store.setProgress(id, (int) Math.min(99, pct));
        }
      });
      String sha = ImageFiles.sha256(dst);
      long virtual = disks.info(dst).virtualSizeBytes();
      Image cur = store.find(id).orElseThrow();
      store.put(new Image(id, cur.accountId(), cur.ownerAlias(), cur.name(), cur.description(),
          Image.AVAILABLE, 100, cur.osType(), cur.osName(), cur.platform(), cur.architecture(),
          "qcow2", (int) Math.max(1, (virtual + GIB - 1) / GIB), dst.toString(), sha, cur.source(),
          null, cur.supportsCloudinit(), cur.created()));
      log.info("imported {} from {} (sha256 {})", id, src, sha);
    } catch (IOException | RuntimeException e) {
      log.warn("import of {} from {} failed: {}", id, src, e.getMessage());
      try {
        Files.deleteIfExists(dst);
      } catch (IOException ignored) {
        // nothing more we can do; the reconciler lists files without images
      }
      store.find(id).ifPresent(cur -> store.put(new Image(id, cur.accountId(), cur.ownerAlias(),
          cur.name(), cur.description(), Image.CREATE_FAILED, cur.progress(), cur.osType(),
          cur.osName(), cur.platform(), cur.architecture(), cur.format(), cur.sizeGiB(), null,
          null, cur.source(), e.getMessage(), cur.supportsCloudinit(), cur.created())));
    }
  }

  /** Restarts the imports a crash interrupted (the copy starts over). */
  public void reconcile() throws IOException {
    for (Image i : store.all()) {
      if (Image.CREATING.equals(i.status())) {
        Files.deleteIfExists(ImageFiles.partOf(customDir.resolve(i.id() + ".qcow2")));
        workers.execute(() -> copyIn(i.id(), Path.of(i.source()), "auto"));
      }
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String nz(String s, String dflt) {
    return s == null || s.isEmpty() ? dflt : s;
  }
}
