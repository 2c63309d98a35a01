package io.ecsbox.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The image files of one host: the system images its operator installed, and the custom
 * images made on it (imported from a file or URL, or captured from a disk layer). Files are
 * named as the host's data dir holds them. Every call takes and returns plain values; a long
 * job is started and then awaited, so a remote host can serve it.
 */
public interface ImageAgent {
  /**
   * A system image the host offers (its manifest in {@code images/system}), pinned as
   * {@code images/store/<sha256>.qcow2} so that instances' overlays never see it change.
   */
  record SystemImage(String imageId, Path manifest, Path file, String sha256, String name, String description,
      String osType, String osName, String platform, String architecture, String format, int sizeGiB,
      boolean cloudinit) {}

  /** The valid system image manifests, each pinned; a bad manifest is skipped (and logged). */
  List<SystemImage> systemImages();

  /** True when {@code file}, a path on the host, is a regular file the agent can read. */
  boolean sourceReadable(Path file);

  /**
   * A custom image to make, as {@code images/custom/<imageId>.qcow2}: from {@code source} (a
   * path on the host or an http(s) URL, checked against {@code checksum} when not null), or,
   * when {@code layer} is set, from the disk layer chain ending in it (our own: trusted).
   */
  record Job(String imageId, String source, Checksum checksum, Path layer) {}

  /** Where a job stands: running (with its percent), done (its file), failed (why), or unknown. */
  record JobState(Status status, int percent, Path file, String sha256, long virtualSizeBytes, String error) {
    public enum Status { RUNNING, DONE, FAILED, UNKNOWN }

    public static final JobState UNKNOWN = new JobState(Status.UNKNOWN, 0, null, null, 0, "no such job on the host");

    public boolean running() {
      return status == Status.RUNNING;
    }
  }

  /**
   * Starts making the image (a job already running for it goes on; a finished or failed one
   * is made again from the start, whatever it left). Returns the job's state.
   */
  JobState startImage(Job job);

  /** The job's state once its percent differs from {@code seenPercent} or it ends, or after {@code atMost}. */
  JobState awaitImage(String imageId, int seenPercent, Duration atMost);

  /** Deletes an image file of ours ({@code images/custom} or {@code images/store}); false when it was not there. */
  boolean deleteImageFile(Path file);

  /**
   * Deletes the image files of ours that nothing needs: pinned files that no manifest names and
   * custom files of no image in {@code imageIds}, unless in {@code keep}. Returns how many went.
   */
  int collectImageFiles(Set<Path> keep, Set<String> imageIds);
}
