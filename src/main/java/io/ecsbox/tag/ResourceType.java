package io.ecsbox.tag;

import java.util.Locale;
import java.util.Optional;

/**
 * The resource types that carry tags, with the name each API uses for them: ECS spells its own
 * in lower case ({@code instance}), the VPC API its own in upper case ({@code VPC}). Both APIs
 * accept either spelling.
 */
public enum ResourceType {
  INSTANCE("instance"),
  DISK("disk"),
  SNAPSHOT("snapshot"),
  IMAGE("image"),
  SECURITYGROUP("securitygroup"),
  ENI("eni"),
  VPC("VPC"),
  VSWITCH("VSWITCH"),
  EIP("EIP"),
  KEYPAIR("keypair");

  private final String apiName;

  ResourceType(String apiName) {
    this.apiName = apiName;
  }

  /** The name ListTagResources answers with. */
  public String apiName() {
    return apiName;
  }

  /** The type named {@code name} in either API's spelling, or empty. */
  public static Optional<ResourceType> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toUpperCase(Locale.ROOT);
    for (ResourceType t : values()) {
      if (t.name().equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
