package io.ecsbox.cli;

import io.ecsbox.cli.bench.BenchCommand;
import io.ecsbox.cli.bench.BenchDensityCommand;
import io.ecsbox.cli.bench.BenchLaunchCommand;
import io.ecsbox.cli.bench.BenchLoadCommand;
import io.ecsbox.cli.bench.BenchDiskIoCommand;
import io.ecsbox.cli.bench.BenchFootprintCommand;
import io.ecsbox.cli.bench.BenchFuzzCommand;
import io.ecsbox.cli.bench.BenchSgCommand;
import io.ecsbox.cli.bench.BenchSnapshotCommand;
import io.ecsbox.cli.catalog.RegionListCommand;
import io.ecsbox.cli.catalog.TypeFamiliesCommand;
import io.ecsbox.cli.catalog.TypeListCommand;
import io.ecsbox.cli.catalog.ZoneListCommand;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.configure.ConfigureCommand;
import io.ecsbox.cli.configure.ConfigureListCommand;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.GroupCommand;
import io.ecsbox.cli.common.Tag;
import io.ecsbox.cli.disk.DiskAttachCommand;
import io.ecsbox.cli.disk.DiskCreateCommand;
import io.ecsbox.cli.disk.DiskDeleteCommand;
import io.ecsbox.cli.disk.DiskDetachCommand;
import io.ecsbox.cli.disk.DiskListCommand;
import io.ecsbox.cli.disk.DiskModifyCommand;
import io.ecsbox.cli.disk.DiskReinitCommand;
import io.ecsbox.cli.disk.DiskResetCommand;
import io.ecsbox.cli.disk.DiskResizeCommand;
import io.ecsbox.cli.disk.DiskShowCommand;
import io.ecsbox.cli.doctor.DoctorCommand;
import io.ecsbox.cli.image.ImageImportCommand;
import io.ecsbox.cli.image.ImageListCommand;
import io.ecsbox.cli.instance.InstanceConsoleCommand;
import io.ecsbox.cli.instance.InstanceCreateCommand;
import io.ecsbox.cli.instance.InstanceDeleteCommand;
import io.ecsbox.cli.instance.InstanceEventsCommand;
import io.ecsbox.cli.instance.InstanceListCommand;
import io.ecsbox.cli.instance.InstanceModifyCommand;
import io.ecsbox.cli.instance.InstanceRebootCommand;
import io.ecsbox.cli.instance.InstanceResizeCommand;
import io.ecsbox.cli.instance.InstanceRunCommand;
import io.ecsbox.cli.instance.InstanceShowCommand;
import io.ecsbox.cli.instance.InstanceStartCommand;
import io.ecsbox.cli.instance.InstanceStopCommand;
import io.ecsbox.cli.instance.InstanceUserDataCommand;
import io.ecsbox.cli.network.EipAllocateCommand;
import io.ecsbox.cli.network.EipAssociateCommand;
import io.ecsbox.cli.network.EipListCommand;
import io.ecsbox.cli.network.EipModifyCommand;
import io.ecsbox.cli.network.EipReleaseCommand;
import io.ecsbox.cli.keypair.KeyPairCreateCommand;
import io.ecsbox.cli.keypair.KeyPairAttachCommand;
import io.ecsbox.cli.keypair.KeyPairDeleteCommand;
import io.ecsbox.cli.keypair.KeyPairDetachCommand;
import io.ecsbox.cli.keypair.KeyPairImportCommand;
import io.ecsbox.cli.keypair.KeyPairListCommand;
import io.ecsbox.cli.network.EipUnassociateCommand;
import io.ecsbox.cli.network.EniAttachCommand;
import io.ecsbox.cli.network.EniCreateCommand;
import io.ecsbox.cli.network.EniDeleteCommand;
import io.ecsbox.cli.network.EniDetachCommand;
import io.ecsbox.cli.network.EniListCommand;
import io.ecsbox.cli.network.NetworkGroups;
import io.ecsbox.cli.network.SgCreateCommand;
import io.ecsbox.cli.network.SgDeleteCommand;
import io.ecsbox.cli.network.SgListCommand;
import io.ecsbox.cli.network.SgMembershipCommand;
import io.ecsbox.cli.network.SgRuleAddCommand;
import io.ecsbox.cli.network.SgRuleRemoveCommand;
import io.ecsbox.cli.network.SgShowCommand;
import io.ecsbox.cli.network.VSwitchCreateCommand;
import io.ecsbox.cli.network.VSwitchDeleteCommand;
import io.ecsbox.cli.network.VSwitchListCommand;
import io.ecsbox.cli.network.VpcCreateCommand;
import io.ecsbox.cli.network.VpcDeleteCommand;
import io.ecsbox.cli.network.VpcListCommand;
import io.ecsbox.cli.snapshot.PolicyApplyCommand;
import io.ecsbox.cli.snapshot.PolicyCancelCommand;
import io.ecsbox.cli.snapshot.PolicyCreateCommand;
import io.ecsbox.cli.snapshot.PolicyDeleteCommand;
import io.ecsbox.cli.snapshot.PolicyListCommand;
import io.ecsbox.cli.snapshot.PolicyModifyCommand;
import io.ecsbox.cli.snapshot.SnapshotCreateCommand;
import io.ecsbox.cli.snapshot.SnapshotDeleteCommand;
import io.ecsbox.cli.snapshot.SnapshotListCommand;
import io.ecsbox.cli.snapshot.SnapshotShowCommand;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one place where every {@code ecsbox} command is registered. To add a command group
 * (e.g. {@code bench launch}): write a {@link GroupCommand} subclass and its subcommands,
 * then add one {@code add.accept(group(...))} line below.
 */
public final class CommandTree {
  private CommandTree() {}

  /** The full command line, wired to {@code ctx}; picocli settings applied to every command. */
  public static CommandLine build(CliContext ctx) {
    return build(ctx, name -> true);
  }

  /**
   * The command line for {@code args}: only the top-level command they name (picocli reads the
   * annotations of every command it is given, a third of a short command's start-up), or the
   * full tree when they name none, ask the top level for help or its version, or name no command.
   */
  public static CommandLine forArgs(CliContext ctx, String... args) {
    String word = TopWord.of(args);
    CommandLine one = word == null ? null : build(ctx, word::equals);
    return one == null || one.getSubcommands().isEmpty() ? build(ctx) : one;
  }

  private static CommandLine build(CliContext ctx, Predicate<String> wanted) {
    CommandLine root = new CommandLine(new EcsboxCommand(ctx));
    Consumer<Object> add = sub -> {
      if (names(sub).anyMatch(wanted)) {
        root.addSubcommand(sub instanceof Group g ? g.commandLine() : sub);
      }
    };
    add.accept(new DaemonCommand());
    add.accept(group(new Groups.Config(), new io.ecsbox.cli.config.ConfigShowCommand(ctx),
        new io.ecsbox.cli.config.ConfigTemplateCommand(ctx)));
    add.accept(group(new Groups.Instance(),
        new InstanceRunCommand(ctx),
        new InstanceCreateCommand(ctx),
        new InstanceListCommand(ctx),
        new InstanceShowCommand(ctx),
        new InstanceEventsCommand(ctx),
        new InstanceStartCommand(ctx),
        new InstanceStopCommand(ctx),
        new InstanceRebootCommand(ctx),
        new InstanceDeleteCommand(ctx),
        new InstanceConsoleCommand(ctx),
        new InstanceModifyCommand(ctx),
        new InstanceResizeCommand(ctx),
        new InstanceUserDataCommand(ctx)));
    add.accept(group(new Groups.Image(),
        new ImageListCommand(ctx),
        new ImageImportCommand(ctx),
        new io.ecsbox.cli.image.ImageCreateCommand(ctx),
        new io.ecsbox.cli.image.ImageCatalogCommand(ctx),
        new io.ecsbox.cli.image.ImageDeleteCommand(ctx),
        new io.ecsbox.cli.image.ImageShareCommand.Share(ctx),
        new io.ecsbox.cli.image.ImageShareCommand.Unshare(ctx),
        new io.ecsbox.cli.image.ImageSharesCommand(ctx)));
    add.accept(group(new Groups.Account(),
        new io.ecsbox.cli.account.AccountCreateCommand(ctx),
        new io.ecsbox.cli.account.AccountListCommand(ctx),
        group(new io.ecsbox.cli.account.AccountKeyCommand(),
            new io.ecsbox.cli.account.AccountKeyCreateCommand(ctx),
            new io.ecsbox.cli.account.AccountKeyListCommand(ctx),
            new io.ecsbox.cli.account.AccountKeyDeleteCommand(ctx))));
    add.accept(group(new Groups.Disk(),
        new DiskCreateCommand(ctx),
        new DiskListCommand(ctx),
        new DiskShowCommand(ctx),
        new DiskAttachCommand(ctx),
        new DiskDetachCommand(ctx),
        new DiskResizeCommand(ctx),
        new DiskResetCommand(ctx),
        new DiskReinitCommand(ctx),
        new DiskModifyCommand(ctx),
        new DiskDeleteCommand(ctx)));
    add.accept(group(new Groups.Snapshot(),
        new SnapshotCreateCommand(ctx),
        new SnapshotListCommand(ctx),
        new SnapshotShowCommand(ctx),
        new SnapshotDeleteCommand(ctx),
        group(new Groups.SnapshotPolicy(),
            new PolicyCreateCommand(ctx),
            new PolicyListCommand(ctx),
            new PolicyModifyCommand(ctx),
            new PolicyApplyCommand(ctx),
            new PolicyCancelCommand(ctx),
            new PolicyDeleteCommand(ctx))));
    add.accept(group(new NetworkGroups.Vpc(),
        new VpcCreateCommand(ctx),
        new VpcListCommand(ctx),
        new VpcDeleteCommand(ctx)));
    add.accept(group(new NetworkGroups.VSwitch(),
        new VSwitchCreateCommand(ctx),
        new VSwitchListCommand(ctx),
        new VSwitchDeleteCommand(ctx)));
    add.accept(group(new NetworkGroups.Sg(),
        new SgCreateCommand(ctx),
        new SgListCommand(ctx),
        new SgShowCommand(ctx),
        group(new NetworkGroups.SgRule(),
            new SgRuleAddCommand(ctx),
            new SgRuleRemoveCommand(ctx)),
        new SgMembershipCommand.Join(ctx),
        new SgMembershipCommand.Leave(ctx),
        new SgDeleteCommand(ctx)));
    add.accept(group(new NetworkGroups.Eni(),
        new EniCreateCommand(ctx),
        new EniListCommand(ctx),
        new EniAttachCommand(ctx),
        new EniDetachCommand(ctx),
        new EniDeleteCommand(ctx)));
    add.accept(group(new NetworkGroups.Eip(),
        new EipAllocateCommand(ctx),
        new EipListCommand(ctx),
        new EipAssociateCommand(ctx),
        new EipUnassociateCommand(ctx),
        new EipReleaseCommand(ctx),
        new EipModifyCommand(ctx)));
    add.accept(group(new Groups.KeyPair(),
        new KeyPairCreateCommand(ctx),
        new KeyPairImportCommand(ctx),
        new KeyPairListCommand(ctx),
        new KeyPairDeleteCommand(ctx),
        new KeyPairAttachCommand(ctx),
        new KeyPairDetachCommand(ctx)));
    add.accept(group(new Groups.Type(),
        new TypeListCommand(ctx),
        new TypeFamiliesCommand(ctx)));
    add.accept(group(new Groups.Region(), new RegionListCommand(ctx)));
    add.accept(group(new Groups.Zone(), new ZoneListCommand(ctx)));
    add.accept(new DoctorCommand(ctx));
    add.accept(withSubcommands(new ConfigureCommand(ctx), new ConfigureListCommand(ctx)));
    add.accept(group(new BenchCommand(), new BenchLaunchCommand(ctx),
        new BenchSnapshotCommand(ctx), new BenchSgCommand(ctx), new BenchDensityCommand(ctx),
        new BenchDiskIoCommand(ctx), new BenchLoadCommand(ctx), new BenchFuzzCommand(ctx),
        new BenchFootprintCommand(ctx)));

    // Settings last: picocli applies them to the subcommands present at the time.
    root.registerConverter(Tag.class, CommandTree::tag);
    root.setCaseInsensitiveEnumValuesAllowed(true);
    root.setOut(ctx.out());
    root.setErr(ctx.err());
    root.setExecutionExceptionHandler((e, cmd, parsed) -> ExitCodes.report(e, cmd.getErr()));
    return root;
  }

  /** A group command with its subcommands, made into a {@link CommandLine} only when used. */
  public static Group group(GroupCommand group, Object... subcommands) {
    return new Group(group, subcommands);
  }

  /** A command with subcommands of its own, e.g. {@code configure} and {@code configure list}. */
  public static Group withSubcommands(Object command, Object... subcommands) {
    return new Group(command, subcommands);
  }

  /** A group command (or a command that also runs itself) and its subcommands (commands or groups). */
  public record Group(Object command, Object... subcommands) {
    /** The group with its subcommands attached. */
    public CommandLine commandLine() {
      CommandLine cl = new CommandLine(command);
      for (Object sub : subcommands) {
        cl.addSubcommand(sub instanceof Group g ? g.commandLine() : sub);
      }
      return cl;
    }
  }

  private static Stream<String> names(Object command) {
    Command c = (command instanceof Group g ? g.command() : command).getClass().getAnnotation(Command.class);
    return Stream.concat(Stream.of(c.name()), Stream.of(c.aliases()));
  }

  private static Tag tag(String text) {
    try {
      return Tag.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
