package io.ecsbox.api.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Json;
import io.ecsbox.api.Page;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.store.AccountStore;
import io.ecsbox.store.AccountStore.AccessKey;
import java.util.regex.Pattern;

/**
 * ecsbox admin actions (not in ECS): CreateAccount, DescribeAccounts, CreateAccessKey,
 * DescribeAccessKeys and DeleteAccessKey. Only the bootstrap admin account may call them;
 * others get {@code Forbidden} (403). A secret is returned once, when its key is made.
 */
public final class AccountActions {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{1,63}");
  private final AccountStore accounts;

  public AccountActions(AccountStore accounts) {
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
    requireAdmin(req);
    String name = req.params().require("AccountName");
    if (!NAME.matcher(name).matches()) {
      throw EcsException.badRequest("InvalidAccountName.Malformed",
          "The account name must be 2-64 characters: a letter, then letters, digits, '.', '_' or '-'.");
    }
    String id = AccountStore.newAccountId();
    AccessKey key = AccessKey.generate(id);
    if (!accounts.createIfNameFree(id, name, key)) {
      throw EcsException.badRequest("InvalidAccountName.Duplicate", "An account named " + name + " already exists.");
    }
    return Json.object().put("AccountId", id).put("AccountName", name)
        .put("AccessKeyId", key.accessKeyId()).put("AccessKeySecret", key.secret());
  }

  private ObjectNode describeAccounts(ApiRequest req) {
    String admin = requireAdmin(req);
    Page<AccountStore.Account> page = Page.of(accounts.all(), req.params(), 100);
    ObjectNode out = Json.object();
    Json.paging(out, page);
    ArrayNode a = Json.list(out, "Accounts", "Account");
    for (AccountStore.Account acc : page.items()) {
      a.addObject().put("AccountId", acc.accountId()).put("AccountName", acc.name())
          .put("IsAdmin", acc.accountId().equals(admin)).put("AccessKeyCount", acc.accessKeys())
          .put("CreationTime", Json.seconds(acc.created()));
    }
    return out;
  }

  private ObjectNode createKey(ApiRequest req) {
    requireAdmin(req);
    String account = requireAccount(req.params());
    AccessKey key = AccessKey.generate(account);
    accounts.addKey(key);
    return Json.object().put("AccountId", account).put("AccessKeyId", key.accessKeyId())
        .put("AccessKeySecret", key.secret());
  }

  private ObjectNode describeKeys(ApiRequest req) {
    requireAdmin(req);
    String account = requireAccount(req.params());
    ObjectNode out = Json.object().put("AccountId", account);
    ArrayNode a = Json.list(out, "AccessKeys", "AccessKey");
    accounts.keys(account).forEach(k -> a.addObject().put("AccessKeyId", k.accessKeyId())
        .put("CreationTime", Json.seconds(k.created())));
    return out;
  }

  private ObjectNode deleteKey(ApiRequest req) {
    String admin = requireAdmin(req);
    String keyId = req.params().require("AccessKeyId");
    if (accounts.key(keyId).isEmpty()) {
      throw EcsException.notFound("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    if (!accounts.deleteKey(keyId, admin)) {
      throw EcsException.forbidden("OperationDenied.LastAccessKey",
          "The admin account must keep at least one AccessKey; create another one first.");
    }
    return Json.object();
  }

  private String requireAdmin(ApiRequest req) {
    String admin = accounts.adminAccountId().orElse("");
    if (!admin.equals(req.accountId())) {
      throw EcsException.forbidden("Forbidden",
          "User not authorized to operate on the specified resource: " + req.action()
              + " is for the ecsbox admin account only.");
    }
    return admin;
  }

  private String requireAccount(Params p) {
    String id = p.require("AccountId");
    if (accounts.find(id).isEmpty()) {
      throw EcsException.notFound("InvalidAccount.NotFound", "The specified AccountId " + id + " does not exist.");
    }
    return id;
  }
}
