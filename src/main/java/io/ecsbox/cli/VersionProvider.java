package io.ecsbox.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code ecsbox --version}: the release (the jar's Implementation-Version) and the git commit the
 * build was made from ({@code io/ecsbox/git.properties}, written by git-commit-id-maven-plugin;
 * {@code -dirty} when the tree had uncommitted changes). A build outside git says "unknown".
 */
public final class VersionProvider implements IVersionProvider {
  static final String GIT_PROPERTIES = "/io/ecsbox/git.properties";

  @Override
  public String[] getVersion() {
    return new String[] {describe(VersionProvider.class.getPackage().getImplementationVersion(), gitProperties())};
  }

  /** The version line for a release ({@code null} when run from classes) and the build's git facts. */
  static String describe(String release, Properties git) {
    String commit = git.getProperty("git.commit.id.abbrev", "").strip();
    if (commit.isEmpty()) {
      commit = "unknown";
    } else if (Boolean.parseBoolean(git.getProperty("git.dirty", "false").strip())) {
      commit += "-dirty";
    }
    String version = release != null ? release : git.getProperty("git.build.version", "dev");
    return "ecsbox " + version + " (commit " + commit + ") (ECS API 2014-05-26)";
  }

  private static Properties gitProperties() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(GIT_PROPERTIES)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + GIT_PROPERTIES + " from the jar", e);
    }
    return p;
  }
}
