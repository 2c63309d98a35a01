package io.ecsbox.cli;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.Waiter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time only (run by the pom in prepare-package; picocli-codegen is not in the jar): writes
 * the shell completion and the man pages' AsciiDoc from the same command tree {@code ecsbox} runs,
 * so they never drift from {@code --help}.
 *
 * <p>usage: BuildDocs OUT_DIR, writing OUT_DIR/completion/ecsbox (bash), OUT_DIR/completion/_ecsbox
 * (zsh, through bashcompinit) and OUT_DIR/man-adoc/*.adoc (one page per command, converted to roff
 * by asciidoctor).
 */
public final class BuildDocs {
  private BuildDocs() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    StringWriter sink = new StringWriter();
    CliContext ctx = new CliContext(new PrintWriter(sink), new PrintWriter(sink), () -> {
      throw new IllegalStateException("the docs build calls no API");
    }, Clock.systemUTC(), Waiter.THREAD_SLEEPER, false, Map.of());
    CommandLine cli = CommandTree.build(ctx);

    Path completion = Files.createDirectories(out.resolve("completion"));
    String bash = AutoComplete.bash("ecsbox", cli);
    Files.writeString(completion.resolve("ecsbox"), bash, StandardCharsets.UTF_8);
    Files.writeString(completion.resolve("_ecsbox"), zsh(bash), StandardCharsets.UTF_8);

    Path adoc = Files.createDirectories(out.resolve("man-adoc"));
    int rc = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, cli.getCommandSpec());
    if (rc != 0) {
      throw new IllegalStateException("ManPageGenerator failed with exit code " + rc);
    }
  }

  /**
   * zsh's autoloaded {@code _ecsbox}: the bash script under bashcompinit (picocli's script
   * supports it), then completes the word zsh asked for with the function the script registered.
   */
  static String zsh(String bash) {
    return "#compdef ecsbox\n"
        + "# ecsbox completion for zsh: picocli's bash completion through bashcompinit.\n"
        + "autoload -U +X bashcompinit && bashcompinit\n"
        + "# the script aliases bash's compopt, which a file zsh autoloads as one function cannot use;\n"
        + "# under zsh it has nothing to do\n"
        + "(( $+functions[compopt] )) || compopt() { :; }\n"
        + bash
        + "\n_bash_complete -F _complete_ecsbox -o default\n";
  }
}
