package io.ecsbox.storage;

import io.ecsbox.host.files.ImageFiles;
import io.ecsbox.host.qemuimg.DiskImages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsbox.common.EcsException;
import io.ecsbox.common.Ids;
import io.ecsbox.host.files.ImageFiles.Checksum;
import io.ecsbox.host.files.ImageFiles.DownloadLimits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images: system images installed as manifests under {@code DATA_DIR/images/system} (pinned by
 * SHA-256 under {@code images/store}), and custom images imported from a local file or an
 * http(s) URL into {@code DATA_DIR/images/custom} as qcow2. A custom image belongs to one
 * account, which may share it with up to {@value #MAX_SHARES} others (they may launch from it,
 * nothing more) and delete it. A deleted image's file stays until no instance, disk or layer
 * needs it; {@link #collectGarbage} removes it then.
 */
public final class ImageService {
  private static final Logger log = LoggerFactory.getLogger(ImageService.class);
  private static final long GIB = 1L << 30;
  private static final Set<String> FORMATS = Set.of("qcow2", "raw", "vhd", "vmdk", "vdi", "auto");
  /** ECS: an image can be shared with 50 accounts. */
  public static final int MAX_SHARES = 50;
  private static final int MAX_CHECKSUM_LIST = 1 << 20;

  private final ImageStore store;
  private final DiskImages disks;
  private final Path dataDir;
  private final Path systemDir;
  private final Path customDir;
  private final Path storeDir;
  private final Executor workers;
  private final DownloadLimits limits;
  private final SnapshotContent snapshots;
  private final ObjectMapper json = new ObjectMapper();
  private HttpClient http;

  /** How a capture finds a snapshot's content (the snapshot service). */
  public interface SnapshotContent {
    /** The top layer of the snapshot's chain once it is accomplished, empty while it is taken; throws when gone. */
    Optional<Path> contentOf(String snapshotId);
  }

  /** Without snapshots (a capture fails): for tests of import and sharing. */
  public ImageService(ImageStore store, DiskImages disks, Path dataDir, Executor workers) {
    this(store, disks, dataDir, workers, DownloadLimits.DEFAULT, id -> {
      throw new IllegalStateException("no snapshots here");
    });
  }

  public ImageService(ImageStore store, DiskImages disks, Path dataDir, Executor workers, DownloadLimits limits,
      SnapshotContent snapshots) {
    this.store = store;
    this.snapshots = snapshots;
    this.disks = disks;
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.systemDir = this.dataDir.resolve("images/system");
    this.customDir = this.dataDir.resolve("images/custom");
    this.storeDir = this.dataDir.resolve("images/store");
    this.workers = workers;
    this.limits = limits;
  }

  /**
   * What ImportImage asks for. {@code source} is an absolute path on this host or an http(s)
   * URL; {@code checksum} (nullable) is what the source file must match before it is used.
   */
  public record ImportRequest(String accountId, String source, String format, String name,
      String description, String osType, String platform, String architecture, Checksum checksum) {}

  /** An image as one account sees it: {@code ownerAlias} system, self or others. */
  public record Visible(Image image, String ownerAlias, boolean selfShared) {}

  // ---- system images

  /**
   * Re-reads the system image manifests: new or changed ones become Available images; a system
   * image whose manifest is gone is deleted (its pinned file stays while anything uses it).
   */
  public synchronized void scanSystemImages() {
    Set<String> present = new HashSet<>();
    if (Files.isDirectory(systemDir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(systemDir, "*.json")) {
        for (Path manifest : ds) {
          present.add(manifest.toString());
          try {
            registerManifest(manifest);
          } catch (IOException | RuntimeException e) {
            log.warn("skipping image manifest {}: {}", manifest, e.getMessage());
          }
        }
      } catch (IOException e) {
        log.warn("cannot list {}: {}", systemDir, e.getMessage());
        return;
      }
    }
    for (Image i : store.all()) {
      if (i.accountId() == null && i.source() != null && i.source().startsWith(systemDir + "/")
          && !present.contains(i.source())) {
        store.markDeleted(i.id());
        log.info("system image {} deleted: its manifest {} is gone", i.id(), i.source());
      }
    }
  }

  private void registerManifest(Path manifest) throws IOException {
    JsonNode m = json.readTree(manifest.toFile());
    String id = m.path("ImageId").asText();
    Path file = systemDir.resolve(m.path("File").asText());
    if (id.isEmpty() || !Files.isRegularFile(file)) {
      throw new IOException("no ImageId or missing file " + file);
    }
    Optional<Image> old = store.findIncludingDeleted(id);
    String sha = m.path("Sha256").asText("");
    Path pinned = pin(file, sha);
    if (old.isPresent() && sha.equals(old.get().sha256()) && store.find(id).isPresent()) {
      return;
    }
    store.put(new Image(id, null, "system", m.path("ImageName").asText(id),
        m.path("Description").asText(""), Image.AVAILABLE, 100, m.path("OSType").asText("linux"),
        m.path("OSName").asText(id), m.path("Platform").asText("Others Linux"),
        m.path("Architecture").asText("x86_64"), m.path("Format").asText("qcow2"),
        Math.max(1, m.path("SizeGiB").asInt(1)), pinned.toString(), sha, manifest.toString(), null,
        m.path("IsSupportCloudinit").asBoolean(true), old.map(Image::created).orElse(Instant.now())));
    store.undelete(id);
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

  // ---- looking images up

  /** Every image that is not deleted, whoever owns it. */
  public List<Image> all() {
    scanSystemImages();
    return store.all();
  }

  /** The images {@code accountId} may list: system ones, its own, and those shared with it. */
  public List<Visible> visibleTo(String accountId) {
    List<Image> all = all();
    Set<String> sharedWithMe = store.sharedWith(accountId);
    Set<String> shared = store.sharedImages();
    List<Visible> out = new ArrayList<>();
    for (Image i : all) {
      if (i.accountId() == null) {
        out.add(new Visible(i, "system", false));
      } else if (i.accountId().equals(accountId)) {
        out.add(new Visible(i, "self", shared.contains(i.id())));
      } else if (sharedWithMe.contains(i.id())) {
        out.add(new Visible(i, "others", false));
      }
    }
    return out;
  }

  /**
   * The image as {@code accountId} may read it: a system image, its own, one shared with it, or
   * (even deleted or no longer shared) one its instances or disks were made from.
   */
  public Optional<Image> find(String accountId, String id) {
    Optional<Image> live = launchable(accountId, id);
    if (live.isPresent()) {
      return live;
    }
    return store.usedBy(accountId, id) ? store.findIncludingDeleted(id) : Optional.empty();
  }

  /** An image {@code accountId} may launch an instance from now, or the ECS error saying why not. */
  public Image requireAvailable(String accountId, String id) {
    Image img = launchable(accountId, id).orElseThrow(() -> notFound(id, ""));
    if (!Image.AVAILABLE.equals(img.status())) {
      throw EcsException.forbidden("IncorrectImageStatus",
          "The specified image is " + img.status() + ", not Available.");
    }
    return img;
  }

  private Optional<Image> launchable(String accountId, String id) {
    Optional<Image> i = store.find(id);
    if (i.isEmpty() && !id.startsWith("m-")) { // system image ids are names; a new manifest may have come
      scanSystemImages();
      i = store.find(id);
    }
    return i.filter(img -> img.accountId() == null || img.accountId().equals(accountId)
        || store.isSharedWith(id, accountId));
  }

  /** The account's own custom image, or InvalidImageId.NotFound saying why it is not. */
  private Image requireOwned(String accountId, String id) {
    Optional<Image> visible = launchable(accountId, id);
    if (visible.isPresent() && accountId.equals(visible.get().accountId())) {
      return visible.get();
    }
    throw notFound(id, visible.isEmpty() ? ""
        : visible.get().accountId() == null ? " (" + id + " is a system image; only custom images can be changed)"
        : " (" + id + " is shared with you; only its owner can change it)");
  }

  private static EcsException notFound(String id, String why) {
    return EcsException.notFound("InvalidImageId.NotFound", "The specified ImageId does not exist." + why);
  }

  // ---- changing images: owner only

  /** ModifyImageAttribute: a new name and/or description (null leaves it). */
  public void modifyAttribute(String accountId, String id, String name, String description) {
    requireOwned(accountId, id);
    store.updateAttributes(id, name, description);
  }

  /** The accounts an owned image is shared with, oldest first. */
  public List<ImageStore.Share> shares(String accountId, String id) {
    requireOwned(accountId, id);
    return store.shares(id);
  }

  /** ModifyImageSharePermission: adds and removes accounts, all or nothing. */
  public void modifySharePermission(String accountId, String id, List<String> add, List<String> remove) {
    Image img = requireOwned(accountId, id);
    if (!add.isEmpty() && !Image.AVAILABLE.equals(img.status())) {
      throw EcsException.forbidden("IncorrectImageStatus", "The image is " + img.status() + ", not Available.");
    }
    for (String a : add) {
      if (remove.contains(a)) {
        throw EcsException.invalid("AddAccount.N", "account " + a + " is also in RemoveAccount.N");
      }
    }
    for (String a : concat(add, remove)) {
      if (a.equals(accountId)) {
        throw EcsException.notFound("InvalidAccount.Forbbiden",
            "The specified Account does not yourself: " + a + " owns the image.");
      }
      if (!store.accountExists(a)) {
        throw EcsException.notFound("InvalidAccount.NotFound",
            "The specified parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist: " + a);
      }
    }
    if (!store.modifyShares(id, add, remove, MAX_SHARES)) {
      throw EcsException.forbidden("QuotaExceed.ShareImageUser",
          "The shared Image user Quota exceeds: an image can be shared with at most " + MAX_SHARES + " accounts.");
    }
  }

  /**
   * DeleteImage: the image leaves the API at once; its file goes when nothing needs it. Without
   * {@code force} an image that instances or disks were made from, or that is shared, is kept.
   */
  public void delete(String accountId, String id, boolean force) {
    Image img = requireOwned(accountId, id);
    if (Image.CREATING.equals(img.status())) {
      throw EcsException.forbidden("ImageIsImporting", "The specified Image is importing.");
    }
    if (!force) {
      List<String> users = store.users(id);
      if (!users.isEmpty()) {
        throw EcsException.forbidden("ImageUsingByInstance", "The specified image has been used to create instances: "
            + String.join(", ", users.subList(0, Math.min(10, users.size())))
            + (users.size() > 10 ? ", ..." : "") + ". Delete them first, or use Force.");
      }
      if (!store.shares(id).isEmpty()) {
        throw EcsException.forbidden("ImageUseShared",
            "The specified image has been shared to others. Unshare it first (ModifyImageSharePermission), or use Force.");
      }
    }
    store.markDeleted(id);
    log.info("image {} deleted by {}{}", id, accountId, force ? " (force)" : "");
    collectGarbage();
  }

  // ---- import

  /** Starts an import; the image is Creating until the copy finishes. Returns the new id. */
  public String importImage(ImportRequest req) {
    String src = req.source();
    if (ImageFiles.isUrl(src)) {
      try {
        ImageFiles.httpUrl(src);
      } catch (IllegalArgumentException e) {
        throw EcsException.invalid("DiskDeviceMapping.1.OSSObject", e.getMessage());
      }
    } else {
      Path p = Path.of(src);
      if (!p.isAbsolute()) {
        throw EcsException.invalid("DiskDeviceMapping.1.OSSObject",
            "give an absolute path on the daemon's host, or an http(s) URL");
      }
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        throw EcsException.notFound("InvalidOSSObject.NotFound", "The image file " + p + " does not exist or is not readable.");
      }
    }
    String format = req.format() == null ? "auto" : req.format().toLowerCase();
    if (!FORMATS.contains(format)) {
      throw EcsException.invalid("DiskDeviceMapping.1.Format", "use qcow2, raw, vhd, vmdk or vdi");
    }
    String id = Ids.next("m");
    String name = req.name() == null ? id : req.name();
    // While Creating, the sha256 column holds the expected checksum of the source (restarts need it).
    store.put(new Image(id, req.accountId(), "self", name, nz(req.description()), Image.CREATING, 0,
        nz(req.osType(), "linux"), name, nz(req.platform(), "Others Linux"),
        nz(req.architecture(), "x86_64"), "qcow2", 1, null,
        req.checksum() == null ? null : req.checksum().spec(), src, null, true, Instant.now()));
    workers.execute(() -> runImport(id));
    return id;
  }

  /** A captured image's source: {@code snapshot:<s-id>}. */
  static final String CAPTURE = "snapshot:";
  private static final java.time.Duration CAPTURE_WAIT = java.time.Duration.ofMinutes(10);
  /**
   * Starts a custom image made from a snapshot's content (CreateImage): once the snapshot is
   * accomplished, its qcow2 chain is copied into one self-contained qcow2, so the image never
   * depends on the snapshot's layers. Creating until the copy is done; returns its id.
   *
   * @param from the image the snapshotted disk was made from (its OS facts are copied), or null
   */
  public String capture(String accountId, String name, String description, String snapshotId, String instanceId,
      Image from, int sizeGiB) {
    String id = Ids.next("m");
    String n = name == null ? id : name;
    store.put(new Image(id, accountId, "self", n, nz(description), Image.CREATING, 0,
        from == null ? "linux" : from.osType(), from == null ? n : from.osName(),
        from == null ? "Others Linux" : from.platform(), from == null ? "x86_64" : from.architecture(), "qcow2",
        sizeGiB, null, null, CAPTURE + snapshotId, null, from == null || from.supportsCloudinit(), Instant.now()));
    store.setOrigin(id, snapshotId, instanceId);
    workers.execute(() -> runImport(id));
    return id;
  }

  private void failCapture(String id, String why) {
    store.find(id).ifPresent(now -> store.put(new Image(id, now.accountId(), now.ownerAlias(), now.name(),
        now.description(), Image.CREATE_FAILED, now.progress(), now.osType(), now.osName(), now.platform(),
        now.architecture(), now.format(), now.sizeGiB(), null, null, now.source(), why, now.supportsCloudinit(),
        now.created())));
  }

  // Download (URL only), verify, convert: progress 0-49 for the download, 50-99 for the conversion.
  // A capture converts a snapshot's chain (trusted: our own layers) with progress 0-99.
  private void runImport(String id) {
    Image cur = store.find(id).orElse(null);
    if (cur == null || !Image.CREATING.equals(cur.status())) {
      return;
    }
    if (cur.source() != null && cur.source().startsWith(CAPTURE)) {
      runCapture(cur);
      return;
    }
    Path dst = customDir.resolve(id + ".qcow2");
    Path download = customDir.resolve(id + ".download");
    boolean remote = ImageFiles.isUrl(cur.source());
    IntConsumer progress = progressOf(id);
    try {
      Files.createDirectories(customDir);
      Checksum sum = cur.sha256() == null || cur.sha256().isEmpty() ? null : Checksum.parse(cur.sha256());
      Path src;
      if (remote) {
        URI url = ImageFiles.httpUrl(cur.source());
        sum = resolve(sum, fileName(url.getPath()));
        String got = ImageFiles.download(http(), url, download, limits, sum == null ? null : sum.jreAlgorithm(),
            pct -> progress.accept((int) pct * 49 / 100));
        src = download;
        if (sum != null) {
          sum.verify(got);
        }
      } else {
        src = Path.of(cur.source());
        sum = resolve(sum, src.getFileName().toString());
        if (sum != null) {
          sum.verify(ImageFiles.digest(src, sum.jreAlgorithm()));
        }
      }
      int base = remote ? 50 : 0;
      // Detected, not declared: the detection refuses images that name host files as backing.
      disks.convertToQcow2(src, "auto", dst, pct -> progress.accept(base + (int) pct * (99 - base) / 100));
      Files.deleteIfExists(download);
      String sha = ImageFiles.sha256(dst);
      long virtual = disks.info(dst).virtualSizeBytes();
      Image now = store.find(id).orElseThrow();
      store.put(new Image(id, now.accountId(), now.ownerAlias(), now.name(), now.description(),
          Image.AVAILABLE, 100, now.osType(), now.osName(), now.platform(), now.architecture(),
          "qcow2", (int) Math.max(1, (virtual + GIB - 1) / GIB), dst.toString(), sha, now.source(),
          null, now.supportsCloudinit(), now.created()));
      log.info("imported {} from {} (sha256 {})", id, cur.source(), sha);
    } catch (IOException | RuntimeException e) {
      log.warn("import of {} from {} failed: {}", id, cur.source(), e.getMessage());
      for (Path p : List.of(dst, ImageFiles.partOf(dst), download, ImageFiles.partOf(download))) {
        ImageFiles.deleteQuietly(p);
      }
      store.find(id).ifPresent(now -> store.put(new Image(id, now.accountId(), now.ownerAlias(),
          now.name(), now.description(), Image.CREATE_FAILED, now.progress(), now.osType(),
          now.osName(), now.platform(), now.architecture(), now.format(), now.sizeGiB(), null,
          null, now.source(), e.getMessage(), now.supportsCloudinit(), now.created())));
    }
  }

  private void runCapture(Image cur) {
    String id = cur.id();
    String snapshotId = cur.source().substring(CAPTURE.length());
    Path dst = customDir.resolve(id + ".qcow2");
    try {
      long deadline = System.nanoTime() + CAPTURE_WAIT.toNanos();
      Optional<Path> src = snapshots.contentOf(snapshotId);
      while (src.isEmpty()) { // the snapshot is still being taken
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("snapshot " + snapshotId + " was not accomplished in time");
        }
        Thread.sleep(200);
        src = snapshots.contentOf(snapshotId);
      }
      Files.createDirectories(customDir);
      ImageFiles.deleteQuietly(dst);
      IntConsumer progress = progressOf(id);
      disks.convertToQcow2(absolute(src.get().toString()), "qcow2", dst, pct -> progress.accept((int) pct)); // trusted
      String sha = ImageFiles.sha256(dst);
      Image now = store.find(id).orElseThrow();
      store.put(new Image(id, now.accountId(), now.ownerAlias(), now.name(), now.description(), Image.AVAILABLE,
          100, now.osType(), now.osName(), now.platform(), now.architecture(), "qcow2", now.sizeGiB(),
          dst.toString(), sha, now.source(), null, now.supportsCloudinit(), now.created()));
      log.info("image {} captured from snapshot {} (sha256 {})", id, snapshotId, sha);
    } catch (IOException | RuntimeException | InterruptedException e) {
      log.warn("capture of {} from snapshot {} failed: {}", id, snapshotId, e.getMessage());
      ImageFiles.deleteQuietly(dst);
      ImageFiles.deleteQuietly(ImageFiles.partOf(dst));
      failCapture(id, e.getMessage());
    }
  }

  // A file: checksum names a list; the line for the source's file name is the digest.
  private Checksum resolve(Checksum sum, String fileName) throws IOException {
    if (sum == null || !sum.isList()) {
      return sum;
    }
    return sum.pick(ImageFiles.fetchText(http(), sum.list(), limits, MAX_CHECKSUM_LIST), fileName);
  }

  private IntConsumer progressOf(String id) {
    int[] last = {-1};
    return pct -> {
      int p = Math.max(0, Math.min(99, pct));
      if (p != last[0]) {
        last[0] = p;
        store.setProgress(id, p);
      }
    };
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = ImageFiles.httpClient(limits);
    }
    return http;
  }

  // ---- after a start, and garbage

  /** Restarts the imports a crash interrupted (from the start), then collects garbage. */
  public void reconcile() throws IOException {
    if (Files.isDirectory(customDir)) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(customDir, "*.{part,download}")) {
        for (Path p : ds) {
          Files.deleteIfExists(p); // nothing is writing yet: all of these are a crash's leftovers
        }
      }
    }
    for (Image i : store.all()) {
      if (Image.CREATING.equals(i.status())) {
        workers.execute(() -> runImport(i.id()));
      }
    }
    collectGarbage();
  }

  /**
   * Deletes files no one needs: those of deleted images that no instance, disk or layer uses
   * (their rows go too); pinned system files under {@code images/store} that no image, manifest
   * or layer names; and custom files without any image row. A file is needed while a layer
   * names it as parent (relative to the data dir or absolute). Returns how many files it removed.
   */
  public synchronized int collectGarbage() {
    try {
      ImageStore.References refs = store.references();
      Set<Path> parents = new HashSet<>();
      refs.layerParents().forEach(p -> parents.add(absolute(p)));
      Set<Path> keep = new HashSet<>(parents);
      Set<String> rows = new HashSet<>();
      for (Image i : store.all()) {
        rows.add(i.id());
        if (i.file() != null) {
          keep.add(absolute(i.file()));
        }
      }
      List<Image> unused = new ArrayList<>();
      for (Image i : store.deleted()) {
        rows.add(i.id());
        Path f = i.file() == null ? null : absolute(i.file());
        if (refs.imagesInUse().contains(i.id()) || f != null && parents.contains(f)) {
          if (f != null) {
            keep.add(f);
          }
        } else {
          unused.add(i);
        }
      }
      int removed = 0;
      for (Image i : unused) {
        Path f = i.file() == null ? null : absolute(i.file());
        if (f != null && !keep.contains(f) && ours(f) && Files.deleteIfExists(f)) {
          removed++;
        }
        store.delete(i.id());
        log.info("image {} and its file {} are gone", i.id(), f);
      }
      Set<String> manifestShas = manifestShas();
      removed += sweep(storeDir, f -> !keep.contains(f) && !manifestShas.contains(stem(f)));
      removed += sweep(customDir, f -> !keep.contains(f) && !rows.contains(stem(f)));
      return removed;
    } catch (IOException | RuntimeException e) {
      log.warn("image garbage collection failed: {}", e.getMessage(), e);
      return 0;
    }
  }

  private int sweep(Path dir, java.util.function.Predicate<Path> garbage) throws IOException {
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

  private Path absolute(String file) {
    Path p = Path.of(file);
    return (p.isAbsolute() ? p : dataDir.resolve(p)).normalize();
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

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String nz(String s, String dflt) {
    return s == null || s.isEmpty() ? dflt : s;
  }
}
