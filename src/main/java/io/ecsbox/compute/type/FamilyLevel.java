package io.ecsbox.compute.type;

/** {@code InstanceFamilyLevel} of DescribeInstanceTypes. */
public enum FamilyLevel {
  ENTRY_LEVEL("EntryLevel"),
  ENTERPRISE_LEVEL("EnterpriseLevel"),
  /** Burstable types that earn and spend CPU credits (t5, t6). */
  CREDIT_ENTRY_LEVEL("CreditEntryLevel");

  private final String apiName;

  FamilyLevel(String apiName) {
    this.apiName = apiName;
  }

  /** The value the ECS API prints, e.g. "EnterpriseLevel". */
  public String apiName() {
    return apiName;
  }

  /** Parses the API name; throws {@link IllegalArgumentException} on anything else. */
  public static FamilyLevel fromApiName(String name) {
    for (FamilyLevel level : values()) {
      if (level.apiName.equals(name)) {
        return level;
      }
    }
    throw new IllegalArgumentException("unknown InstanceFamilyLevel: " + name);
  }
}
