package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.common.Validation;
import io.ecsbox.storage.Image;
import io.ecsbox.agent.Checksum;
import io.ecsbox.storage.ImageService;
import io.ecsbox.storage.ImageStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;

/**
 * DescribeImages, ImportImage (from a path on the daemon's host or an http(s) URL), DeleteImage,
 * ModifyImageAttribute, ModifyImageSharePermission and DescribeImageSharePermission.
 */
public final class ImageActions {
  private final Function<String, Map<String, String>> tags;
  private static final Set<String> OWNER_ALIASES = Set.of("system", "self", "others", "marketplace");
  private final ImageService images;
  private final String regionId;

  public ImageActions(ImageService images, String regionId,
      Function<String, Map<String, String>> tags) {
    this.images = images;
    this.tags = tags;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("DescribeImages", this::describe);
    r.register("ImportImage", this::importImage);
    r.register("DeleteImage", this::delete);
    r.register("ModifyImageAttribute", this::modifyAttribute);
    r.register("ModifyImageSharePermission", this::modifyShares);
    r.register("DescribeImageSharePermission", this::describeShares);
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    Set<String> ids = p.get("ImageId").map(s -> Arrays.stream(s.split(",")).map(String::trim)
        .collect(Collectors.toSet())).orElse(null);
    Set<String> statuses = Arrays.stream(p.get("Status").orElse(Image.AVAILABLE).split(","))
        .map(String::trim).collect(Collectors.toSet());
    Set<String> owners = owners(p.getOrNull("ImageOwnerAlias"));
    String name = p.getOrNull("ImageName");
    String osType = p.getOrNull("OSType");
    List<ImageService.Visible> match = images.visibleTo(req.accountId()).stream()
        .filter(v -> owners.contains(v.ownerAlias()))
        .filter(v -> ids == null || ids.contains(v.image().id()))
        .filter(v -> statuses.contains(v.image().status()))
        .filter(v -> name == null || v.image().name().equals(name))
        .filter(v -> osType == null || v.image().osType().equalsIgnoreCase(osType))
        .toList();
    Page<ImageService.Visible> page = Page.of(match, p, 100);
    ObjectNode out = Json.object().put("RegionId", regionId);
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "Images", "Image");
    page.items().forEach(v -> write(a.addObject(), v));
    return out;
  }

  // Empty means system + self + others (ECS); marketplace has no images here.
  private static Set<String> owners(String alias) {
    if (alias == null) {
      return Set.of("system", "self", "others");
    }
    if (!OWNER_ALIASES.contains(alias)) {
      throw EcsException.badRequest("InvalidImageOwnerAlias.ValueNotSupported",
          "The specified ImageOwnerAlias \"" + alias + "\" is not supported: use system, self, others or marketplace.");
    }
    return Set.of(alias);
  }

  private void write(ObjectNode o, ImageService.Visible v) {
    Image i = v.image();
    boolean mine = "self".equals(v.ownerAlias());
    boolean available = Image.AVAILABLE.equals(i.status());
    o.put("ImageId", i.id()).put("ImageName", i.name()).put("Description", i.description())
        .put("Status", i.status()).put("Progress", i.progress() + "%").put("Size", i.sizeGiB())
        .put("OSType", i.osType()).put("OSName", i.osName()).put("OSNameEn", i.osName())
        .put("Platform", i.platform()).put("Architecture", i.architecture()).put("BootMode", "BIOS")
        .put("ImageOwnerAlias", v.ownerAlias()).put("IsSupportCloudinit", i.supportsCloudinit())
        .put("IsSupportIoOptimized", true).put("IsCopied", false).put("IsPublic", i.accountId() == null)
        .put("IsSelfShared", v.selfShared() ? "True" : "False").put("IsSubscribed", false).put("Usage", "none")
        .put("CreationTime", Json.seconds(i.created()))
        .put("ImageFamily", "").put("ImageVersion", "").put("ProductCode", "")
        // Not in ECS: the qcow2's SHA-256 and why an import failed.
        .put("Sha256", available && i.sha256() != null ? i.sha256() : "")
        .put("ErrorMessage", i.error() == null ? "" : i.error());
    if (i.accountId() != null && i.accountId().matches("[0-9]{1,18}")) {
      o.put("ImageOwnerId", Long.parseLong(i.accountId()));
    }
    ObjectNode m = Json.list(o, "DiskDeviceMappings", "DiskDeviceMapping").addObject();
    m.put("Device", "/dev/xvda").put("Type", "system").put("Size", String.valueOf(i.sizeGiB()))
        .put("Format", i.format()).put("SnapshotId", "").put("Progress", i.progress() + "%")
        .put("ImportOSSBucket", "").put("ImportOSSObject",
            mine && i.source() != null && !i.source().startsWith("snapshot:") ? i.source() : "");
    Json.tags(o, mine ? tags.apply(i.id()) : Map.of());
  }

  private ObjectNode importImage(ApiRequest req) {
    Params p = req.params();
    String object = p.get("DiskDeviceMapping.1.OSSObject")
        .orElseThrow(() -> EcsException.missing("DiskDeviceMapping.1.OSSObject"));
    String bucket = p.get("DiskDeviceMapping.1.OSSBucket").orElse("");
    // ecsbox reads local files or http(s) URLs: a bucket (if any) is a directory, the object a path in it.
    String source = object.matches("(?i)https?://.*") || bucket.isEmpty() ? object
        : Path.of(bucket).resolve(object).toString();
    if (!source.matches("(?i)https?://.*")) {
      source = Path.of(source).normalize().toString();
    }
    String id = images.importImage(new ImageService.ImportRequest(req.accountId(), source,
        p.getOrNull("DiskDeviceMapping.1.Format"), p.getOrNull("ImageName"), p.getOrNull("Description"), p.getOrNull("OSType"),
        p.getOrNull("Platform"), p.getOrNull("Architecture"), checksum(p)));
    return Json.object().put("ImageId", id).put("RegionId", regionId).put("TaskId", "t-" + id.substring(2));
  }

  // ecsbox extensions: Sha256=HEX, or Checksum=sha256:HEX | sha512:HEX | file:URL-of-a-SHA256SUMS-list.
  static Checksum checksum(Params p) {
    String sha256 = p.getOrNull("Sha256");
    String spec = p.getOrNull("Checksum");
    if (sha256 != null && spec != null) {
      throw EcsException.invalid("Checksum", "give Sha256 or Checksum, not both");
    }
    try {
      return sha256 != null ? Checksum.sha256(sha256.trim()) : spec != null ? Checksum.parse(spec) : null;
    } catch (IllegalArgumentException e) {
      throw EcsException.invalid(sha256 != null ? "Sha256" : "Checksum", e.getMessage());
    }
  }

  private ObjectNode delete(ApiRequest req) {
    Params p = req.params();
    images.delete(req.accountId(), p.require("ImageId"), p.bool("Force", false));
    return Json.object();
  }

  private ObjectNode modifyAttribute(ApiRequest req) {
    Params p = req.params();
    String name = p.getOrNull("ImageName");
    if (name != null && !Validation.instanceName(name)) {
      throw EcsException.badRequest("InvalidImageName.Malformed",
          "The image name must be 2-128 characters, start with a letter, and use letters, digits, ':', '_', '.', '-'.");
    }
    String description = p.getOrNull("Description");
    if (description != null && !Validation.description(description)) {
      throw EcsException.badRequest("InvalidDescription.Malformed",
          "The description must be at most 256 characters and not start with http:// or https://.");
    }
    images.modifyAttribute(req.accountId(), p.require("ImageId"), name, description);
    return Json.object();
  }

  private ObjectNode modifyShares(ApiRequest req) {
    Params p = req.params();
    String id = p.require("ImageId");
    if (p.bool("IsPublic", false)) {
      throw EcsException.invalid("IsPublic", "ecsbox has no community images; share with accounts instead");
    }
    images.modifySharePermission(req.accountId(), id, p.list("AddAccount", 10), p.list("RemoveAccount", 10));
    return Json.object();
  }

  private ObjectNode describeShares(ApiRequest req) {
    Params p = req.params();
    String id = p.require("ImageId");
    Page<ImageStore.Share> page = Page.of(images.shares(req.accountId(), id), p, 100);
    ObjectNode out = Json.object().put("RegionId", regionId).put("ImageId", id);
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "Accounts", "Account");
    page.items().forEach(s -> a.addObject().put("AliyunId", s.accountId()).put("SharedTime", Json.seconds(s.created())));
    Json.list(out, "ShareGroups", "ShareGroup");
    return out;
  }
}
