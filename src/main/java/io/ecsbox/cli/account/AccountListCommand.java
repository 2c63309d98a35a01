package io.ecsbox.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.cli.common.CliContext;
import io.ecsbox.cli.common.ExitCodes;
import io.ecsbox.cli.common.Params;
import io.ecsbox.cli.common.Table;
import io.ecsbox.client.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ecsbox account list}: DescribeAccounts (admin only), every page. */
@Command(
    name = "list",
    aliases = "ls",
    mixinStandardHelpOptions = true,
    description = "List the accounts of this ecsbox (DescribeAccounts; ecsbox admin only).")
public final class AccountListCommand implements Callable<Integer> {
  private static final int PAGE_SIZE = 100;
  private final CliContext ctx;

  public AccountListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode merged = Json.object();
    ArrayNode items = merged.putObject("Accounts").putArray("Account");
    int total;
    int page = 1;
    do {
      JsonNode r = ctx.call("DescribeAccounts", new Params().put("PageNumber", page).put("PageSize", PAGE_SIZE));
      List<JsonNode> got = Json.list(r, "Accounts", "Account");
      items.addAll(got);
      merged.put("RequestId", Json.text(r, "RequestId"));
      total = r.path("TotalCount").asInt(0);
      if (got.isEmpty()) {
        break;
      }
      page++;
    } while (items.size() < total);
    merged.put("TotalCount", items.size());
    ctx.print(merged, () -> {
      Table t = new Table("ID", "NAME", "ADMIN", "KEYS", "CREATED");
      for (JsonNode a : Json.list(merged, "Accounts", "Account")) {
        t.row(Json.text(a, "AccountId"), Json.text(a, "AccountName"),
            a.path("IsAdmin").asBoolean() ? "yes" : "no", Json.text(a, "AccessKeyCount"), Json.text(a, "CreationTime"));
      }
      return t;
    });
    return ExitCodes.OK;
  }
}
