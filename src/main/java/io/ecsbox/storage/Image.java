package io.ecsbox.storage;

import java.time.Instant;

/**
 * An image as the store holds it. System images come from manifests installed under
 * {@code DATA_DIR/images/system}; custom ones from ImportImage. {@code file} is the qcow2
 * that instances' system disks are overlays of. {@code sha256} is that file's SHA-256 once
 * Available; while Creating it holds the checksum the source must match ({@code sha256:HEX},
 * {@code sha512:HEX} or {@code file:URL}), if one was given. {@code source} is the imported
 * path or URL (the manifest's path for system images).
 */
public record Image(
    String id,
    String accountId,
    String ownerAlias,
    String name,
    String description,
    String status,
    int progress,
    String osType,
    String osName,
    String platform,
    String architecture,
    String format,
    int sizeGiB,
    String file,
    String sha256,
    String source,
    String error,
    boolean supportsCloudinit,
    Instant created) {

  public static final String AVAILABLE = "Available";
  public static final String CREATING = "Creating";
  public static final String CREATE_FAILED = "CreateFailed";
}
