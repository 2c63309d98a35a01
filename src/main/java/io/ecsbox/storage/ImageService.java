package io.ecsbox.storage;

import io.ecsbox.account.AccountError;
import io.ecsbox.agent.Checksum;
import io.ecsbox.agent.ImageAgent;
import io.ecsbox.common.Generic;
import io.ecsbox.common.HttpUrls;
import io.ecsbox.common.Ids;
import io.ecsbox.common.Metrics;
import io.ecsbox.common.ServiceException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images: the system images the host offers (installed as manifests, pinned by SHA-256), and
 * custom images the host makes as qcow2 files: imported from a file on it or an http(s) URL, or
 * captured from a snapshot (see {@link ImageAgent}). A custom image belongs to one
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
  /** How long one wait for an image job's progress lasts before it is asked again. */
  private static final Duration JOB_POLL = Duration.ofSeconds(10);

  private final ImageStore store;
  private final ImageAgent agent;
  private final Path dataDir;
  private final Executor workers;
  private final SnapshotContent snapshots;
  private final Predicate<String> mayImportFromHost;
  private final Clock clock;
  private final Metrics metrics;

  /** How a capture finds a snapshot's content (the snapshot service). */
  public interface SnapshotContent {
    /** The top layer of the snapshot's chain once it is accomplished, empty while it is taken; throws when gone. */
    Optional<Path> contentOf(String snapshotId);
  }

  /** Without snapshots (a capture fails), every account may import from the host: for tests. */
  public ImageService(ImageStore store, ImageAgent agent, Path dataDir, Executor workers) {
    this(store, agent, dataDir, workers, id -> {
      throw new IllegalStateException("no snapshots here");
    }, account -> true, Clock.systemUTC(), Metrics.NONE);
  }

  /**
   * @param dataDir the host's data dir, against which relative file names are compared with
   *     absolute ones (a name, not a file: nothing here reads it)
   * @param workers where imports and captures wait for the host
   * @param mayImportFromHost the accounts that may import from a path on the host or from an
   *     address inside the host's networks (loopback, link-local, private): the admin
   * @param metrics where each finished import or capture is counted and timed
   */
  public ImageService(ImageStore store, ImageAgent agent, Path dataDir, Executor workers, SnapshotContent snapshots,
      Predicate<String> mayImportFromHost, Clock clock, Metrics metrics) {
    this.metrics = metrics;
    this.clock = clock;
    this.store = store;
    this.agent = agent;
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.workers = workers;
    this.snapshots = snapshots;
    this.mayImportFromHost = mayImportFromHost;
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
    for (ImageAgent.SystemImage m : agent.systemImages()) {
      present.add(m.manifest().toString());
      register(m);
    }
    for (Image i : store.all()) {
      if (i.accountId() == null && i.source() != null && !present.contains(i.source())) {
        store.markDeleted(i.id());
        log.info("system image {} deleted: its manifest {} is gone", i.id(), i.source());
      }
    }
  }

  private void register(ImageAgent.SystemImage m) {
    Optional<Image> old = store.findIncludingDeleted(m.imageId());
    if (old.isPresent() && m.sha256().equals(old.get().sha256()) && store.find(m.imageId()).isPresent()) {
      return;
    }
    store.put(new Image(m.imageId(), null, "system", m.name(), m.description(), Image.AVAILABLE, 100, m.osType(),
        m.osName(), m.platform(), m.architecture(), m.format(), m.sizeGiB(), m.file().toString(), m.sha256(),
        m.manifest().toString(), null, m.cloudinit(), old.map(Image::created).orElse(clock.instant())));
    store.undelete(m.imageId());
    log.info("registered system image {} ({}, sha256 {})", m.imageId(), m.file(), m.sha256());
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

  /** An image {@code accountId} may launch an instance from now, or the refusal saying why not. */
  public Image requireAvailable(String accountId, String id) {
    Image img = launchable(accountId, id).orElseThrow(() -> ImageError.notFound(""));
    if (!Image.AVAILABLE.equals(img.status())) {
      throw new ServiceException(ImageError.INCORRECT_STATUS,
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

  /** The account's own custom image, or {@link ImageError#NOT_FOUND} saying why it is not. */
  private Image requireOwned(String accountId, String id) {
    Optional<Image> visible = launchable(accountId, id);
    if (visible.isPresent() && accountId.equals(visible.get().accountId())) {
      return visible.get();
    }
    throw ImageError.notFound(visible.isEmpty() ? ""
        : visible.get().accountId() == null ? " (" + id + " is a system image; only custom images can be changed)"
        : " (" + id + " is shared with you; only its owner can change it)");
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
      throw new ServiceException(ImageError.INCORRECT_STATUS, "The image is " + img.status() + ", not Available.");
    }
    for (String a : add) {
      if (remove.contains(a)) {
        throw ServiceException.invalid("AddAccount.N", "account " + a + " is also in RemoveAccount.N");
      }
    }
    for (String a : concat(add, remove)) {
      if (a.equals(accountId)) {
        throw new ServiceException(ImageError.SHARE_WITH_SELF,
            "The specified Account does not yourself: " + a + " owns the image.");
      }
      if (!store.accountExists(a)) {
        throw new ServiceException(AccountError.NOT_FOUND,
            "The specified parameter \"AddAccount.n\" or \"RemoveAccount.n\" does not exist: " + a);
      }
    }
    if (!store.modifyShares(id, add, remove, MAX_SHARES)) {
      throw new ServiceException(ImageError.TOO_MANY_SHARES,
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
      throw new ServiceException(ImageError.IMPORTING, "The specified Image is importing.");
    }
    if (!force) {
      List<String> users = store.users(id);
      if (!users.isEmpty()) {
        throw new ServiceException(ImageError.USED_BY_INSTANCE,
            "The specified image has been used to create instances: "
            + String.join(", ", users.subList(0, Math.min(10, users.size())))
            + (users.size() > 10 ? ", ..." : "") + ". Delete them first, or use Force.");
      }
      if (!store.shares(id).isEmpty()) {
        throw new ServiceException(ImageError.SHARED,
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
    if (!mayImportFromHost.test(req.accountId()) && !publicUrl(src)) {
      throw new ServiceException(Generic.FORBIDDEN, "Only the ecsbox admin account may import from a path on the"
          + " daemon's host or from a local network address; give a public http(s) URL.");
    }
    checkName(req.name());
    if (HttpUrls.isUrl(src)) {
      try {
        HttpUrls.httpUrl(src);
      } catch (IllegalArgumentException e) {
        throw ServiceException.invalid("DiskDeviceMapping.1.OSSObject", e.getMessage());
      }
    } else {
      Path p = Path.of(src);
      if (!p.isAbsolute()) {
        throw ServiceException.invalid("DiskDeviceMapping.1.OSSObject",
            "give an absolute path on the daemon's host, or an http(s) URL");
      }
      if (!agent.sourceReadable(p)) {
        throw new ServiceException(ImageError.SOURCE_NOT_FOUND,
            "The image file " + p + " does not exist or is not readable.");
      }
    }
    String format = req.format() == null ? "auto" : req.format().toLowerCase();
    if (!FORMATS.contains(format)) {
      throw ServiceException.invalid("DiskDeviceMapping.1.Format", "use qcow2, raw, vhd, vmdk or vdi");
    }
    String id = Ids.next("m");
    String name = req.name() == null ? id : req.name();
    // While Creating, the sha256 column holds the expected checksum of the source (restarts need it).
    store.put(new Image(id, req.accountId(), "self", name, nz(req.description()), Image.CREATING, 0,
        nz(req.osType(), "linux"), name, nz(req.platform(), "Others Linux"),
        nz(req.architecture(), "x86_64"), "qcow2", 1, null,
        req.checksum() == null ? null : req.checksum().spec(), src, null, true, clock.instant()));
    workers.execute(() -> runImport(id));
    return id;
  }

  /** An image name: null (none), or 2-128 characters as ECS names are. */
  static void checkName(String name) {
    if (name != null && !io.ecsbox.common.Validation.instanceName(name)) {
      throw new ServiceException(ImageError.NAME_MALFORMED,
          "The image name must be 2-128 characters, start with a letter, and use letters, digits, ':', '_', '.', '-'.");
    }
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
        sizeGiB, null, null, CAPTURE + snapshotId, null, from == null || from.supportsCloudinit(), clock.instant()));
    store.setOrigin(id, snapshotId, instanceId);
    workers.execute(() -> runImport(id));
    return id;
  }

  // The host makes the file; the row follows its progress and takes its result.
  private void runImport(String id) {
    Image cur = store.find(id).orElse(null);
    if (cur == null || !Image.CREATING.equals(cur.status())) {
      return;
    }
    boolean capture = cur.source() != null && cur.source().startsWith(CAPTURE);
    long t0 = System.nanoTime();
    String what = capture ? "capture of " + id + " from snapshot " + cur.source().substring(CAPTURE.length())
        : "import of " + id + " from " + cur.source();
    try {
      ImageAgent.Job job = capture ? new ImageAgent.Job(id, null, null, snapshotLayer(cur))
          : new ImageAgent.Job(id, cur.source(), cur.sha256() == null || cur.sha256().isEmpty() ? null
              : Checksum.parse(cur.sha256()), null);
      IntConsumer progress = progressOf(id);
      ImageAgent.JobState s = agent.startImage(job);
      while (s.running()) {
        progress.accept(s.percent());
        s = agent.awaitImage(id, s.percent(), JOB_POLL);
      }
      if (s.status() != ImageAgent.JobState.Status.DONE) {
        throw new IllegalStateException(s.error());
      }
      Image now = store.find(id).orElseThrow();
      int sizeGiB = capture ? now.sizeGiB() : (int) Math.max(1, (s.virtualSizeBytes() + GIB - 1) / GIB);
      store.put(new Image(id, now.accountId(), now.ownerAlias(), now.name(), now.description(),
          Image.AVAILABLE, 100, now.osType(), now.osName(), now.platform(), now.architecture(),
          "qcow2", sizeGiB, s.file().toString(), s.sha256(), now.source(),
          null, now.supportsCloudinit(), now.created()));
      log.info("{} done (sha256 {})", what, s.sha256());
      metrics.imageImport(capture ? "capture" : "import", true, System.nanoTime() - t0);
    } catch (RuntimeException | InterruptedException e) {
      log.warn("{} failed: {}", what, e.getMessage());
      metrics.imageImport(capture ? "capture" : "import", false, System.nanoTime() - t0);
      store.find(id).ifPresent(now -> store.put(new Image(id, now.accountId(), now.ownerAlias(),
          now.name(), now.description(), Image.CREATE_FAILED, now.progress(), now.osType(),
          now.osName(), now.platform(), now.architecture(), now.format(), now.sizeGiB(), null,
          null, now.source(), e.getMessage(), now.supportsCloudinit(), now.created())));
    }
  }

  /** The top layer of a capture's snapshot, once the snapshot is accomplished (it may still be taken). */
  private Path snapshotLayer(Image cur) throws InterruptedException {
    String snapshotId = cur.source().substring(CAPTURE.length());
    long deadline = System.nanoTime() + CAPTURE_WAIT.toNanos();
    Optional<Path> src = snapshots.contentOf(snapshotId);
    while (src.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("snapshot " + snapshotId + " was not accomplished in time");
      }
      Thread.sleep(200);
      src = snapshots.contentOf(snapshotId);
    }
    return src.get();
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

  // ---- after a start, and garbage

  /** Restarts the imports a crash interrupted (from the start), then collects garbage. */
  public void reconcile() {
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
      refs.layerParents().forEach(p -> parents.add(name(p)));
      Set<Path> keep = new HashSet<>(parents);
      Set<String> rows = new HashSet<>();
      for (Image i : store.all()) {
        rows.add(i.id());
        if (i.file() != null) {
          keep.add(name(i.file()));
        }
      }
      List<Image> unused = new ArrayList<>();
      for (Image i : store.deleted()) {
        rows.add(i.id());
        Path f = i.file() == null ? null : name(i.file());
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
        Path f = i.file() == null ? null : name(i.file());
        if (f != null && !keep.contains(f) && agent.deleteImageFile(f)) {
          removed++;
        }
        store.delete(i.id());
        log.info("image {} and its file {} are gone", i.id(), f);
      }
      return removed + agent.collectImageFiles(keep, rows);
    } catch (RuntimeException e) {
      log.warn("image garbage collection failed: {}", e.getMessage(), e);
      return 0;
    }
  }

  // True for an http(s) URL whose host resolves only to public addresses (no SSRF into the host's networks).
  static boolean publicUrl(String source) {
    if (!source.matches("(?i)https?://.*")) {
      return false;
    }
    try {
      String host = java.net.URI.create(source).getHost();
      if (host == null) {
        return false;
      }
      for (java.net.InetAddress a : java.net.InetAddress.getAllByName(host)) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
            || a.isMulticastAddress() || a.getHostAddress().startsWith("100.100.")) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException | java.net.UnknownHostException e) {
      return false;
    }
  }

  /** A file name as the store keeps it (relative to the data dir or absolute), made comparable. */
  private Path name(String file) {
    return dataDir.resolve(file).normalize();
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
