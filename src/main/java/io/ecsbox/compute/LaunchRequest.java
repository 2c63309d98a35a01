package io.ecsbox.compute;

import java.util.Map;

/**
 * A validated RunInstances / CreateInstance request.
 *
 * @param amount how many instances (1-100)
 * @param autoStart true for RunInstances (start at once), false for CreateInstance
 * @param userData Base64 text as the API received it, or empty
 * @param systemDiskGiB requested size, or null for the default (the image size, at least 20)
 * @param clientToken idempotency token, or null
 * @param paramsHash hash of the request parameters for ClientToken comparison
 */
public record LaunchRequest(
    String accountId,
    String imageId,
    String instanceType,
    String instanceName,
    String hostName,
    boolean uniqueSuffix,
    String description,
    String userData,
    Integer systemDiskGiB,
    String systemDiskCategory,
    int amount,
    boolean autoStart,
    String clientToken,
    String paramsHash,
    String zoneId,
    Map<String, String> tags) {}
