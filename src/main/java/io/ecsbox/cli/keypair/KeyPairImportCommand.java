package io.ecsbox.cli.keypair;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Reply;
import io.ecsbox.client.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecsbox keypair import --name NAME --public-key-file FILE}: ImportKeyPair. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Register an OpenSSH public key (ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp*) as a key pair"
        + " (ImportKeyPair), e.g. ~/.ssh/id_ed25519.pub.")
public final class KeyPairImportCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--name", required = true, description = "Key pair name (2-128 characters, a letter first).")
  String name;

  @Option(names = "--public-key-file", required = true, paramLabel = "FILE", description = "The .pub file.")
  Path file;

  public KeyPairImportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    JsonNode r = ctx.call("ImportKeyPair",
        new Params().put("KeyPairName", name).put("PublicKeyBody", Files.readString(file).strip()));
    Reply.done(ctx, r, Json.text(r, "KeyPairName") + " " + Json.text(r, "KeyPairFingerPrint") + ": imported");
    return ExitCodes.OK;
  }
}
