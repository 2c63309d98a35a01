package io.ecsbox.cli.keypair;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.client.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ecsbox keypair create --name NAME [--out FILE]}: CreateKeyPair; the private key once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Make an RSA 2048 key pair (CreateKeyPair). The private key is given only this once:"
        + " to --out FILE (mode 0600, never overwritten) or else to standard output.")
public final class KeyPairCreateCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec CommandSpec spec;

  @Option(names = "--name", required = true, description = "Key pair name (2-128 characters, a letter first).")
  String name;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the private key (PEM) here, mode 0600.")
  Path out;

  public KeyPairCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (out != null) {
      try { // made before the call, so a key is never made that we could not keep
        Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " exists; ecsbox does not"
            + " overwrite a key file. Name another file or remove this one.");
      }
    }
    JsonNode r;
    try {
      r = ctx.call("CreateKeyPair", new Params().put("KeyPairName", name));
    } catch (RuntimeException e) {
      if (out != null) {
        Files.deleteIfExists(out);
      }
      throw e;
    }
    String pem = Json.text(r, "PrivateKeyBody");
    if (out != null) {
      Files.writeString(out, pem, StandardCharsets.US_ASCII);
      ctx.out().println(Json.text(r, "KeyPairName") + " " + Json.text(r, "KeyPairId") + " "
          + Json.text(r, "KeyPairFingerPrint") + ": private key in " + out);
    } else if (ctx.json()) {
      ctx.out().print(Json.pretty(r));
    } else {
      ctx.out().print(pem);
      ctx.err().println(Json.text(r, "KeyPairName") + " " + Json.text(r, "KeyPairFingerPrint")
          + ": keep the private key now: ecsbox shows it only this once.");
    }
    ctx.out().flush();
    ctx.err().flush();
    return ExitCodes.OK;
  }
}
