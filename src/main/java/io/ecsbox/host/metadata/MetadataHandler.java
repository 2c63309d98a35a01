package io.ecsbox.host.metadata;

import io.ecsbox.agent.GuestMetadata;
import io.ecsbox.agent.MetadataDirectory;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of the metadata service, without sockets: who asks (the listener's VPC and the
 * connection's source address, looked up in the {@link MetadataDirectory}), whether it may
 * ask (endpoint enabled, token valid and its own), then what it gets ({@link MetadataTree}).
 * An unknown caller gets 404 and never another instance's data.
 */
final class MetadataHandler {
  static final String TOKEN = "x-aliyun-ecs-metadata-token";
  static final String TOKEN_TTL = "x-aliyun-ecs-metadata-token-ttl-seconds";
  private static final Logger log = LoggerFactory.getLogger(MetadataHandler.class);
  private static final String[] VERSIONS = {"latest", "2016-01-01"};
  private final MetadataDirectory directory;
  private final MetadataTokens tokens;

  MetadataHandler(MetadataDirectory directory, MetadataTokens tokens) {
    this.directory = directory;
    this.tokens = tokens;
  }

  /**
   * Answers one request. {@code header} looks a header up by its lower-case name (null when
   * absent); {@code path} is the decoded path without the query.
   */
  MetadataReply handle(String vpcId, String sourceIp, String method, String path, Function<String, String> header) {
    Optional<GuestMetadata> found;
    try {
      found = directory.lookup(vpcId, sourceIp);
    } catch (RuntimeException e) {
      log.warn("metadata: lookup of {} in {} failed: {}", sourceIp, vpcId, e.toString());
      return MetadataReply.status(500);
    }
    if (found.isEmpty() || found.get().instanceId() == null) {
      log.debug("metadata: no instance with {} in {}; {} {} -> 404", sourceIp, vpcId, method, path);
      return MetadataReply.status(404);
    }
    GuestMetadata g = found.get();
    if (g.endpointDisabled()) {
      return MetadataReply.status(403);
    }
    String version = null;
    String rest = null;
    for (String v : VERSIONS) {
      if (path.equals("/" + v) || path.startsWith("/" + v + "/")) {
        version = v;
        rest = path.substring(v.length() + 1);
      }
    }
    if (rest != null && (rest.equals("/api/token") || rest.equals("/api/token/"))) {
      return "PUT".equals(method) ? issueToken(g, header) : MetadataReply.status(405);
    }
    if (!"GET".equals(method)) {
      return MetadataReply.status(405);
    }
    String token = header.apply(TOKEN);
    if (token != null) {
      if (!tokens.instanceOf(token.strip()).map(g.instanceId()::equals).orElse(false)) {
        return MetadataReply.status(401);
      }
    } else if (g.tokensRequired()) {
      return MetadataReply.status(401);
    }
    if (version == null) {
      return path.equals("/") || path.isEmpty() ? MetadataReply.text("2016-01-01\nlatest") : MetadataReply.status(404);
    }
    return new MetadataTree(g).get(rest);
  }

  private MetadataReply issueToken(GuestMetadata g, Function<String, String> header) {
    if (header.apply("x-forwarded-for") != null) {
      return MetadataReply.status(403);
    }
    String ttl = header.apply(TOKEN_TTL);
    int seconds;
    try {
      seconds = Integer.parseInt(ttl == null ? "" : ttl.strip());
    } catch (NumberFormatException e) {
      return MetadataReply.status(400);
    }
    if (seconds < 1 || seconds > MetadataTokens.MAX_TTL_SECONDS) {
      return MetadataReply.status(400);
    }
    return MetadataReply.text(tokens.issue(g.instanceId(), seconds));
  }
}
