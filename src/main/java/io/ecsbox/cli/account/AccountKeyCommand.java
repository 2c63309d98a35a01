package io.ecsbox.cli.account;

import io.ecsbox.cli.common.GroupCommand;
import picocli.CommandLine.Command;

/** {@code ecsbox account key}: the AccessKeys of accounts. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Create, list and delete the AccessKeys of accounts (ecsbox admin only).")
public final class AccountKeyCommand extends GroupCommand {}
