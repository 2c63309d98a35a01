package io.ecsbox.compute.type;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an instance type id {@code ecs.<family>[-<variant>].<size>}: for
 * {@code ecs.gn6i-c4g1.xlarge} the family is {@code ecs.gn6i}, the variant {@code c4g1} and the
 * size {@code xlarge}.
 */
public record InstanceTypeName(String familyId, String variant, String size) {
  private static final Pattern ID = Pattern.compile(
      "ecs\\.([a-z]+[0-9]+[a-z]*)(?:-([a-z0-9]+))?\\.(nano|micro|small|medium|large|[1-9][0-9]*xlarge|xlarge)");

  /** Splits {@code id}; empty if it is not of the form {@code ecs.<family>.<size>}. */
  public static Optional<InstanceTypeName> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      return Optional.empty();
    }
    String variant = m.group(2) == null ? "" : m.group(2);
    return Optional.of(new InstanceTypeName("ecs." + m.group(1), variant, m.group(3)));
  }

  /**
   * The vCPUs the size name stands for on the ECS ladder: large 2, xlarge 4, Nxlarge 4N; nano,
   * micro and small 1, medium 2. Empty for names off the ladder.
   */
  public OptionalInt ladderVcpus() {
    return switch (size) {
      case "nano", "micro", "small" -> OptionalInt.of(1);
      case "medium", "large" -> OptionalInt.of(2);
      case "xlarge" -> OptionalInt.of(4);
      default -> size.endsWith("xlarge")
          ? OptionalInt.of(4 * Integer.parseInt(size.substring(0, size.length() - "xlarge".length())))
          : OptionalInt.empty();
    };
  }
}
