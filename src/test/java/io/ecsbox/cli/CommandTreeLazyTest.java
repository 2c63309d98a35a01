package io.ecsbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.FakeApi;
import io.ecsbox.cli.common.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandTreeLazyTest {
  private final CliContext ctx = new CliContext(new PrintWriter(new StringWriter()),
      new PrintWriter(new StringWriter()), FakeApi::new, new FakeClock(), d -> { }, false, Map.of());

  @Test
  void aNamedCommandBuildsOnlyItsBranch() {
    assertEquals(Set.of("region"), CommandTree.forArgs(ctx, "-o", "json", "region", "list").getSubcommands().keySet());
    assertEquals(Set.of("account"), CommandTree.forArgs(ctx, "account", "key", "list").getSubcommands().keySet());
    assertEquals(Set.of("create", "list", "ls", "delete"), CommandTree.forArgs(ctx, "account", "key").getSubcommands()
        .get("account").getSubcommands().get("key").getSubcommands().keySet());
  }

  @Test
  void helpVersionAndUnknownWordsGetTheWholeTree() {
    Set<String> all = CommandTree.build(ctx).getSubcommands().keySet();
    for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"-V"},
        new String[] {"regoin", "list"}, new String[] {"-h", "region"})) {
      assertEquals(all, CommandTree.forArgs(ctx, args).getSubcommands().keySet(), String.join(" ", args));
    }
  }

  @Test
  void aBranchAnswersLikeTheWholeTree() {
    String[] args = {"instance", "lst"};
    StringWriter lazy = new StringWriter();
    StringWriter full = new StringWriter();
    int a = CommandTree.forArgs(ctx, args).setErr(new PrintWriter(lazy)).execute(args);
    int b = CommandTree.build(ctx).setErr(new PrintWriter(full)).execute(args);
    assertEquals(b, a);
    assertEquals(full.toString(), lazy.toString());
  }
}
