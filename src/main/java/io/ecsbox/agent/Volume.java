package io.ecsbox.agent;

import java.nio.file.Path;

/**
 * One disk as a host sees it: its active qcow2 layer {@code file}, which, when absent, is
 * created as an overlay on {@code backing} (a qcow2; null: an empty disk) of {@code sizeBytes}.
 * Paths are relative to the host's data directory (as the store keeps them); the host resolves
 * them.
 *
 * @param target the device name in the guest's definition ({@code vda}, {@code vdb}, ...)
 */
public record Volume(String diskId, String target, Path file, Path backing, long sizeBytes, IoTune ioTune) {}
