package io.ecsbox.compute.type;

import java.util.Objects;

/**
 * An instance type family as DescribeInstanceTypeFamilies reports it: {@code id} like
 * {@code ecs.g6} and {@code generation} like {@code ecs-5}.
 */
public record Family(String id, String generation) {
  public Family {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(generation, "generation");
  }
}
