package io.ecsbox.account;

import io.ecsbox.account.AccountStore.AccessKey;
import io.ecsbox.common.Generic;
import io.ecsbox.common.ServiceException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Accounts and their AccessKeys. The admin account (the first, made at the daemon's first
 * start) alone may make accounts and keys and list them; every account's resources are its own.
 */
public final class AccountService {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{1,63}");
  private final AccountStore store;

  public AccountService(AccountStore store) {
    this.store = store;
  }

  /** True for the admin account. */
  public boolean isAdmin(String accountId) {
    return store.adminAccountId().map(accountId::equals).orElse(false);
  }

  /** A new account with its first AccessKey (whose secret is shown only now). */
  public AccessKey createAccount(String caller, String what, String name) {
    requireAdmin(caller, what);
    if (!NAME.matcher(name).matches()) {
      throw new ServiceException(AccountError.NAME_MALFORMED,
          "The account name must be 2-64 characters: a letter, then letters, digits, '.', '_' or '-'.");
    }
    String id = AccountStore.newAccountId();
    AccessKey key = AccessKey.generate(id);
    if (!store.createIfNameFree(id, name, key)) {
      throw new ServiceException(AccountError.NAME_TAKEN, "An account named " + name + " already exists.");
    }
    return key;
  }

  /** Every account; returns the admin's id first, for the caller's view. */
  public List<AccountStore.Account> accounts(String caller, String what) {
    requireAdmin(caller, what);
    return store.all();
  }

  /** A new AccessKey of {@code accountId} (whose secret is shown only now). */
  public AccessKey createKey(String caller, String what, String accountId) {
    requireAdmin(caller, what);
    requireAccount(accountId);
    AccessKey key = AccessKey.generate(accountId);
    store.addKey(key);
    return key;
  }

  public List<AccountStore.KeyInfo> keys(String caller, String what, String accountId) {
    requireAdmin(caller, what);
    requireAccount(accountId);
    return store.keys(accountId);
  }

  /** Deletes an AccessKey; the admin account keeps its last one. */
  public void deleteKey(String caller, String what, String keyId) {
    String admin = requireAdmin(caller, what);
    if (store.key(keyId).isEmpty()) {
      throw new ServiceException(AccountError.KEY_NOT_FOUND, "Specified access key is not found.");
    }
    if (!store.deleteKey(keyId, admin)) {
      throw new ServiceException(AccountError.LAST_KEY,
          "The admin account must keep at least one AccessKey; create another one first.");
    }
  }

  private String requireAdmin(String caller, String what) {
    String admin = store.adminAccountId().orElse("");
    if (!admin.equals(caller)) {
      throw new ServiceException(Generic.FORBIDDEN, "User not authorized to operate on the specified resource: "
          + what + " is for the ecsbox admin account only.");
    }
    return admin;
  }

  private void requireAccount(String accountId) {
    if (store.find(accountId).isEmpty()) {
      throw AccountError.notFound(accountId);
    }
  }
}
