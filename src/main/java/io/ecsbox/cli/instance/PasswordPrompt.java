package io.ecsbox.cli.instance;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * {@code --password-prompt}: the instance password read without echo, twice, from the terminal;
 * or its first line from stdin when stdin is not a terminal (scripts). It is sent once, as
 * Password, and never printed.
 */
final class PasswordPrompt {
  private PasswordPrompt() {}

  /** The password from the process's terminal, or from its stdin. */
  static String read(CommandLine cmd) {
    return read(cmd, System.console(), System.in);
  }

  static String read(CommandLine cmd, Console console, InputStream stdin) {
    if (console != null) {
      char[] first = console.readPassword("Instance password: ");
      char[] again = console.readPassword("Instance password again: ");
      try {
        if (first == null || again == null || !Arrays.equals(first, again)) {
          throw new CommandLine.ParameterException(cmd, "The two passwords differ; nothing was sent.");
        }
        return new String(first);
      } finally {
        Arrays.fill(first == null ? new char[0] : first, '\0');
        Arrays.fill(again == null ? new char[0] : again, '\0');
      }
    }
    try {
      String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new CommandLine.ParameterException(cmd, "--password-prompt: no password on stdin.");
      }
      return line;
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "--password-prompt: cannot read stdin: " + e.getMessage());
    }
  }
}
