package io.ecsbox.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.common.Ids;
import io.ecsbox.common.PrivateFiles;
import io.ecsbox.account.AccountStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.ecsbox.config.DaemonConfig;
import io.ecsbox.tls.Fingerprint;
import java.util.Optional;

/**
 * The admin account and its AccessKey, made on first start. The key comes from
 * {@code ECSBOX_ACCESS_KEY_ID} / {@code ECSBOX_ACCESS_KEY_SECRET} when both are set, else it
 * is generated; either way it is written to {@code DATA_DIR/admin.credentials} (mode 0600),
 * which the CLI reads when run as root on the same host. Each start records there the endpoint
 * the API serves and, with HTTPS, its certificate's SHA-256 fingerprint (the CLI trusts it).
 */
final class Credentials {
  static final String FILE = "admin.credentials";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private Credentials() {}

  /**
   * {@code chosen}: the key ECSBOX_ACCESS_KEY_ID / _SECRET give; empty: one is generated. The
   * endpoint is added by {@link #recordEndpoint} once the API listens (its port may be chosen then).
   */
  static void bootstrap(AccountStore accounts, Path dataDir, String region,
      Optional<DaemonConfig.AccessKey> chosen) throws IOException {
    if (!accounts.isEmpty()) {
      return;
    }
    String id = chosen.map(DaemonConfig.AccessKey::id).orElse("LTAI" + Ids.random(20, UPPER_ALNUM));
    String secret = chosen.map(DaemonConfig.AccessKey::secret).orElse(Ids.random(30, UPPER_ALNUM));
    String account = "1" + Ids.random(15, "0123456789"); // ECS account ids are 16 digits
    ObjectNode json = new ObjectMapper().createObjectNode().put("AccessKeyId", id).put("AccessKeySecret", secret)
        .put("RegionId", region).put("AccountId", account);
    // The file first, then the row: a crash in between makes a new key next start, never a lost one.
    write(dataDir, json);
    accounts.create(account, "admin", new AccountStore.AccessKey(id, secret, account));
  }

  /**
   * Records where the API answers and, when it serves HTTPS, the certificate's fingerprint
   * ({@code CertificateSha256}); rewrites the file only when that changed. No file: nothing to do.
   */
  static void recordEndpoint(Path dataDir, String endpoint, Optional<Fingerprint> certificate) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return;
    }
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Files.readString(file));
    ObjectNode updated = json.deepCopy().put("Endpoint", endpoint);
    certificate.ifPresentOrElse(f -> updated.put("CertificateSha256", f.hex()),
        () -> updated.remove("CertificateSha256"));
    if (!updated.equals(json)) {
      write(dataDir, updated);
    }
  }

  private static void write(Path dataDir, ObjectNode json) throws IOException {
    PrivateFiles.write(dataDir.resolve(FILE), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
  }
}
