package io.ecsbox.daemon;

import io.ecsbox.config.DaemonConfig;
import io.ecsbox.host.exec.CommandRunner;
import io.ecsbox.host.tls.SelfSignedCertificate;
import io.ecsbox.tls.ServerTls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The API's TLS material as the config decided: none, the operator's PEM files, or the self-signed pair. */
final class ApiTls {
  /** Where the self-signed certificate lives under the data dir. */
  static final String DIR = "tls";

  private ApiTls() {}

  /** Empty for plain HTTP; makes the self-signed certificate on its first use. */
  static Optional<ServerTls> load(DaemonConfig config, CommandRunner runner) throws IOException {
    return switch (config.tls().kind()) {
      case PLAIN -> Optional.empty();
      case FILES -> Optional.of(ServerTls.fromPem(config.tls().cert().orElseThrow(), config.tls().key().orElseThrow()));
      case SELF_SIGNED -> {
        List<Path> pair = new SelfSignedCertificate(runner)
            .ensure(config.dataDir().resolve(DIR), List.of(config.listen().host()));
        yield Optional.of(ServerTls.fromPem(pair.get(0), pair.get(1)));
      }
    };
  }
}
