package io.ecsbox.cli.keypair;

import io.ecsbox.cli.common.CliContext;
import picocli.CommandLine.Command;

/** {@code ecsbox keypair attach --name NAME INSTANCE_ID...}: AttachKeyPair. */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = "Bind a key pair to instances (AttachKeyPair), replacing the one they had; the guest gets"
        + " the public key at its next start.")
public final class KeyPairAttachCommand extends KeyPairBinding {
  public KeyPairAttachCommand(CliContext ctx) {
    super(ctx, "AttachKeyPair", "attached");
  }
}
