package io.ecsbox.cli.keypair;

import io.ecsbox.cli.common.CliContext;
import picocli.CommandLine.Command;

/** {@code ecsbox keypair detach --name NAME INSTANCE_ID...}: DetachKeyPair. */
@Command(
    name = "detach",
    mixinStandardHelpOptions = true,
    description = "Unbind a key pair from instances (DetachKeyPair); the guest loses the public key at its"
        + " next start.")
public final class KeyPairDetachCommand extends KeyPairBinding {
  public KeyPairDetachCommand(CliContext ctx) {
    super(ctx, "DetachKeyPair", "detached");
  }
}
