package io.ecsbox.api.actions;

import io.ecsbox.account.AccountService;
import io.ecsbox.TestErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsbox.api.ActionRegistry;
import io.ecsbox.api.ApiRequest;
import io.ecsbox.api.Params;
import io.ecsbox.api.errors.EcsException;
import io.ecsbox.account.AccountStore;
import io.ecsbox.store.Database;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ecsbox admin Actions: only the bootstrap admin may call them; secrets are shown once. */
class AccountActionsTest {
  @TempDir Path dir;
  private Database db;
  private AccountStore accounts;
  private final ActionRegistry registry = new ActionRegistry();
  private final String admin = "1000000000000001";

  @BeforeEach
  void setUp() {
    db = Database.open(dir.resolve("db"));
    accounts = new AccountStore(db);
    accounts.create(admin, "admin", AccountStore.AccessKey.generate(admin));
    new AccountActions(new AccountService(accounts)).registerIn(registry);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private JsonNode call(String account, String action, String... kv) {
    Map<String, String> p = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return registry.find(action).orElseThrow().handle(new ApiRequest(account, action, new Params(p), "R", "h"));
  }

  private EcsException error(String account, String action, String... kv) {
    return TestErrors.thrown(() -> call(account, action, kv));
  }

  @Test
  void theAdminCreatesAccountsWhoseKeysWork() {
    JsonNode r = call(admin, "CreateAccount", "AccountName", "lab-1");
    String id = r.path("AccountId").asText();
    assertTrue(id.matches("1[0-9]{15}"), id);
    AccountStore.AccessKey key = accounts.key(r.path("AccessKeyId").asText()).orElseThrow();
    assertEquals(r.path("AccessKeySecret").asText(), key.secret());
    assertEquals(id, key.accountId());

    JsonNode list = call(admin, "DescribeAccounts");
    assertEquals(2, list.path("TotalCount").asInt());
    JsonNode first = list.path("Accounts").path("Account").get(0);
    assertEquals(admin, first.path("AccountId").asText());
    assertTrue(first.path("IsAdmin").asBoolean());
    assertFalse(list.path("Accounts").path("Account").get(1).path("IsAdmin").asBoolean());
    assertFalse(list.toString().contains("Secret"));

    assertEquals("InvalidAccountName.Duplicate", error(admin, "CreateAccount", "AccountName", "lab-1").code());
    assertEquals("InvalidAccountName.Malformed", error(admin, "CreateAccount", "AccountName", "1lab").code());
    assertEquals("MissingParameter", error(admin, "CreateAccount").code());
  }

  @Test
  void othersAreForbidden() {
    String other = call(admin, "CreateAccount", "AccountName", "other").path("AccountId").asText();
    for (String action : registry.actions()) {
      EcsException e = error(other, action, "AccountName", "x2", "AccountId", other, "AccessKeyId", "LTAI");
      assertEquals("Forbidden", e.code(), action);
      assertEquals(403, e.httpStatus());
    }
    assertEquals(2, accounts.all().size(), "nothing was made");
  }

  @Test
  void keysAreAddedListedWithoutSecretsAndDeleted() {
    String lab = call(admin, "CreateAccount", "AccountName", "lab").path("AccountId").asText();
    JsonNode k = call(admin, "CreateAccessKey", "AccountId", lab);
    assertEquals(lab, k.path("AccountId").asText());
    assertTrue(k.path("AccessKeySecret").asText().length() >= 30);
    JsonNode keys = call(admin, "DescribeAccessKeys", "AccountId", lab);
    assertEquals(2, keys.path("AccessKeys").path("AccessKey").size());
    assertFalse(keys.toString().contains("Secret"));

    call(admin, "DeleteAccessKey", "AccessKeyId", k.path("AccessKeyId").asText());
    assertTrue(accounts.key(k.path("AccessKeyId").asText()).isEmpty());
    assertEquals("InvalidAccessKeyId.NotFound", error(admin, "DeleteAccessKey", "AccessKeyId", "LTAInone").code());
    assertEquals("InvalidAccount.NotFound", error(admin, "CreateAccessKey", "AccountId", "1999").code());

    String adminKey = accounts.firstKey(admin).orElseThrow().accessKeyId();
    assertEquals("OperationDenied.LastAccessKey", error(admin, "DeleteAccessKey", "AccessKeyId", adminKey).code());
    String spare = call(admin, "CreateAccessKey", "AccountId", admin).path("AccessKeyId").asText();
    call(admin, "DeleteAccessKey", "AccessKeyId", adminKey);
    assertTrue(accounts.key(spare).isPresent());
    assertEquals(admin, accounts.adminAccountId().orElseThrow(), "the admin stays the admin");
  }
}
