package io.ecsbox.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ecsbox --version}: the jar's implementation version, or "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"ecsbox " + (v == null ? "dev" : v) + " (ECS API 2014-05-26)"};
  }
}
