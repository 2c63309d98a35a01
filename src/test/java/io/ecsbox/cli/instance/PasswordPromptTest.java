package io.ecsbox.cli.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PasswordPromptTest {
  private final CommandLine cmd = new CommandLine(new InstanceModifyCommand(null));

  private static ByteArrayInputStream stdin(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withoutATerminalTheFirstLineOfStdinIsThePassword() {
    assertEquals("Ecsbox-Pass1", PasswordPrompt.read(cmd, null, stdin("Ecsbox-Pass1\nrest\n")));
    assertEquals("Ecsbox Pass1", PasswordPrompt.read(cmd, null, stdin("Ecsbox Pass1")));
  }

  @Test
  void anEmptyStdinIsAUsageError() {
    assertThrows(CommandLine.ParameterException.class, () -> PasswordPrompt.read(cmd, null, stdin("")));
    assertThrows(CommandLine.ParameterException.class, () -> PasswordPrompt.read(cmd, null, stdin("\n")));
  }
}
