package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.common.EcsException;
import io.ecsbox.storage.Image;
import io.ecsbox.storage.ImageService;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** DescribeImages and ImportImage (from a path on the daemon's host). */
public final class ImageActions {
  private final ImageService images;
  private final String regionId;

  public ImageActions(ImageService images, String regionId) {
    this.images = images;
    this.regionId = regionId;
  }

  public void registerIn(ActionRegistry r) {
    r.register("DescribeImages", this::describe);
    r.register("ImportImage", this::importImage);
  }

  private ObjectNode describe(ApiRequest req) {
    Params p = req.params();
    Set<String> ids = p.get("ImageId").map(s -> Set.of(s.split(","))).orElse(null);
    Set<String> statuses = Arrays.stream(p.get("Status").orElse(Image.AVAILABLE).split(","))
        .map(String::trim).collect(Collectors.toSet());
    String owner = p.getOrNull("ImageOwnerAlias");
    String name = p.getOrNull("ImageName");
    String osType = p.getOrNull("OSType");
    List<Image> match = images.all().stream()
        .filter(i -> i.accountId() == null || i.accountId().equals(req.accountId()))
        .filter(i -> ids == null || ids.contains(i.id()))
        .filter(i -> statuses.contains(i.status()))
        .filter(i -> owner == null || owner.equals(i.ownerAlias()))
        .filter(i -> name == null || i.name().equals(name))
        .filter(i -> osType == null || i.osType().equalsIgnoreCase(osType))
        .toList();
    Page<Image> page = Page.of(match, p, 100);
    ObjectNode out = Json.object().put("RegionId", regionId);
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "Images", "Image");
    for (Image i : page.items()) {
      ObjectNode o = a.addObject();
      o.put("ImageId", i.id()).put("ImageName", i.name()).put("Description", i.description())
          .put("Status", i.status()).put("Progress", i.progress() + "%").put("Size", i.sizeGiB())
          .put("OSType", i.osType()).put("OSName", i.osName()).put("OSNameEn", i.osName())
          .put("Platform", i.platform()).put("Architecture", i.architecture()).put("BootMode", "BIOS")
          .put("ImageOwnerAlias", i.ownerAlias()).put("IsSupportCloudinit", i.supportsCloudinit())
          .put("IsSupportIoOptimized", true).put("IsCopied", false).put("IsPublic", i.accountId() == null)
          .put("IsSelfShared", "False").put("IsSubscribed", false).put("Usage", "none")
          .put("CreationTime", Json.seconds(i.created()))
          .put("ImageFamily", "").put("ImageVersion", "").put("ProductCode", "")
          // Not in ECS: the qcow2's SHA-256 and why an import failed.
          .put("Sha256", i.sha256() == null ? "" : i.sha256())
          .put("ErrorMessage", i.error() == null ? "" : i.error());
      ObjectNode m = Json.list(o, "DiskDeviceMappings", "DiskDeviceMapping").addObject();
      m.put("Device", "/dev/xvda").put("Type", "system").put("Size", String.valueOf(i.sizeGiB()))
          .put("Format", i.format()).put("SnapshotId", "").put("Progress", i.progress() + "%")
          .put("ImportOSSBucket", "").put("ImportOSSObject", i.accountId() == null ? "" : i.source());
      Json.tags(o, java.util.Map.of());
    }
    return out;
  }

  private ObjectNode importImage(ApiRequest req) {
    Params p = req.params();
    String object = p.get("DiskDeviceMapping.1.OSSObject")
        .orElseThrow(() -> EcsException.missing("DiskDeviceMapping.1.OSSObject"));
    String bucket = p.get("DiskDeviceMapping.1.OSSBucket").orElse("");
    // ecsbox reads local files: the bucket (if any) is a directory, the object a path in it.
    Path source = bucket.isEmpty() ? Path.of(object) : Path.of(bucket).resolve(object);
    String name = p.getOrNull("ImageName");
    if (name != null && !io.ecsbox.common.Validation.instanceName(name)) {
      throw EcsException.badRequest("InvalidImageName.Malformed",
          "The image name must be 2-128 characters, start with a letter, and use letters, digits, ':', '_', '.', '-'.");
    }
    String id = images.importImage(new ImageService.ImportRequest(req.accountId(), source.normalize(),
        p.getOrNull("DiskDeviceMapping.1.Format"), name, p.getOrNull("Description"), p.getOrNull("OSType"),
        p.getOrNull("Platform"), p.getOrNull("Architecture")));
    return Json.object().put("ImageId", id).put("RegionId", regionId).put("TaskId", "t-" + id.substring(2));
  }
}
