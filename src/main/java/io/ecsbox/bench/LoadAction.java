package io.ecsbox.bench;

/** The ECS actions the load bench calls; Describe ones only read. */
public enum LoadAction {
  DescribeInstances, DescribeInstanceStatus, DescribeDisks, DescribeVpcs, DescribeVSwitches,
  DescribeSecurityGroups, DescribeImages, DescribeNetworkInterfaces,
  RunInstances, StopInstance, StartInstance, DeleteInstance;

  public boolean describe() {
    return name().startsWith("Describe");
  }
}
