package io.ecsbox.compute;

import io.ecsbox.common.ServiceException;
import io.ecsbox.keypair.KeyPair;
import io.ecsbox.keypair.KeyPairError;
import io.ecsbox.keypair.KeyPairStore;
import io.ecsbox.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * How owners get into their instances: the bound key pair (AttachKeyPair, DetachKeyPair). A
 * change is stored at once and reaches the guest at its next start; a running guest keeps what
 * it booted with until then.
 */
public final class InstanceAccess {
  /** One instance's outcome in a batch: {@code error} null on success. */
  public record Outcome(String instanceId, ServiceException error) {}

  private final Database db;
  private final InstanceStore store;

  public InstanceAccess(Database db, InstanceStore store) {
    this.db = db;
    this.store = store;
  }

  /**
   * Binds the caller's key pair {@code name} to each instance, replacing the one it had (as
   * ECS). An unknown key pair refuses the whole call (KeyPairError.NOT_FOUND); an instance that
   * is not the caller's or is being released fails alone.
   */
  public List<Outcome> attach(String accountId, String name, List<String> ids) {
    return db.tx(c -> {
      requireKeyPair(c, accountId, name);
      return each(ids, id -> {
        changeable(accountId, id);
        InstanceStore.setKeyPairName(c, id, name);
      });
    });
  }

  /**
   * Unbinds the caller's key pair {@code name} from each instance; an instance bound to another
   * one (or none) fails alone (KeyPairError.NOT_BOUND).
   */
  public List<Outcome> detach(String accountId, String name, List<String> ids) {
    return db.tx(c -> {
      requireKeyPair(c, accountId, name);
      return each(ids, id -> {
        Instance i = changeable(accountId, id);
        if (!i.keyPairName().equals(name)) {
          throw KeyPairError.notBound(name, id);
        }
        InstanceStore.setKeyPairName(c, id, "");
      });
    });
  }

  /** The caller's key pair of that name, in the caller's transaction; another account's is not found. */
  static KeyPair requireKeyPair(Connection c, String accountId, String name) throws SQLException {
    return KeyPairStore.find(c, accountId, name).orElseThrow(() -> KeyPairError.notFound(name));
  }

  private Instance changeable(String accountId, String id) {
    Optional<Instance> i = store.find(id).filter(x -> x.accountId().equals(accountId));
    if (i.isEmpty()) {
      throw InstanceError.notFound();
    }
    if (i.get().deleting()) {
      throw InstanceError.incorrectStatus(id, InstanceStatus.Stopping.name());
    }
    return i.get();
  }

  private interface Step {
    void run(String id) throws SQLException;
  }

  // Each instance once, in the order given; a refusal is that instance's outcome.
  private static List<Outcome> each(List<String> ids, Step step) throws SQLException {
    List<Outcome> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      try {
        step.run(id);
        out.add(new Outcome(id, null));
      } catch (ServiceException e) {
        out.add(new Outcome(id, e));
      }
    }
    return out;
  }
}
