package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.account.AccountService;
import io.ecsbox.account.AccountStore;
import java.util.List;
import io.ecsbox.account.AccountStore.AccessKey;

/**
 * ecsbox admin actions (not in ECS): CreateAccount, DescribeAccounts, CreateAccessKey,
 * DescribeAccessKeys and DeleteAccessKey. Only the bootstrap admin account may call them;
 * others get {@code Forbidden} (403). A secret is returned once, when its key is made.
 */
public final class AccountActions {
  private final AccountService accounts;

  public AccountActions(AccountService accounts) {
    this.accounts = accounts;
  }

  public void registerIn(ActionRegistry r) {
    r.register("CreateAccount", this::createAccount);
    r.register("DescribeAccounts", this::describeAccounts);
    r.register("CreateAccessKey", this::createKey);
    r.register("DescribeAccessKeys", this::describeKeys);
    r.register("DeleteAccessKey", this::deleteKey);
  }

  private ObjectNode createAccount(ApiRequest req) {
    String name = req.params().require("AccountName");
    AccessKey key = accounts.createAccount(req.accountId(), req.action(), name);
    return Json.object().put("AccountId", key.accountId()).put("AccountName", name)
        .put("AccessKeyId", key.accessKeyId()).put("AccessKeySecret", key.secret());
  }

  private ObjectNode describeAccounts(ApiRequest req) {
    Page<AccountStore.Account> page = Page.of(accounts.accounts(req.accountId(), req.action()), req.params(), 100);
    ObjectNode out = Json.object();
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "Accounts", "Account");
    for (AccountStore.Account acc : page.items()) {
      a.addObject().put("AccountId", acc.accountId()).put("AccountName", acc.name())
          .put("IsAdmin", accounts.isAdmin(acc.accountId())).put("AccessKeyCount", acc.accessKeys())
          .put("CreationTime", Json.seconds(acc.created()));
    }
    return out;
  }

  private ObjectNode createKey(ApiRequest req) {
    String account = req.params().require("AccountId");
    AccessKey key = accounts.createKey(req.accountId(), req.action(), account);
    return Json.object().put("AccountId", account).put("AccessKeyId", key.accessKeyId())
        .put("AccessKeySecret", key.secret());
  }

  private ObjectNode describeKeys(ApiRequest req) {
    String account = req.params().require("AccountId");
    List<AccountStore.KeyInfo> keys = accounts.keys(req.accountId(), req.action(), account);
    ObjectNode out = Json.object().put("AccountId", account);
    ArrayNode a = Json.list(out, "AccessKeys", "AccessKey");
    keys.forEach(k -> a.addObject().put("AccessKeyId", k.accessKeyId()).put("CreationTime", Json.seconds(k.created())));
    return out;
  }

  private ObjectNode deleteKey(ApiRequest req) {
    accounts.deleteKey(req.accountId(), req.action(), req.params().require("AccessKeyId"));
    return Json.object();
  }
}
