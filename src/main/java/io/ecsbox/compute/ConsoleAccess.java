package io.ecsbox.compute;

import io.ecsbox.agent.ConsoleAgent;
import io.ecsbox.agent.ConsoleGate;
import java.util.regex.Pattern;

/**
 * Console tickets for the instance's own account, and only while the instance runs (as ECS); its
 * VNC password.
 */
public final class ConsoleAccess {
  private static final Pattern VNC_PASSWORD = Pattern.compile("[A-Za-z0-9]{6}");
  private final InstanceService instances;
  private final ConsoleTickets tickets;
  private final ConsoleAgent host;

  public ConsoleAccess(InstanceService instances, ConsoleTickets tickets, ConsoleAgent host) {
    this.instances = instances;
    this.tickets = tickets;
    this.host = host;
  }

  /**
   * Sets the VNC password of {@code accountId}'s instance: 6 letters and digits, as ECS; from its next
   * start, and at once when the running guest has one already (ECS: at once or after a restart).
   *
   * @throws io.ecsbox.common.ServiceException MALFORMED_VNC_PASSWORD (nothing changed), NOT_FOUND
   */
  public void setVncPassword(String accountId, String instanceId, String password) {
    if (password == null || !VNC_PASSWORD.matcher(password).matches()) {
      throw ConsoleError.malformedVncPassword();
    }
    Instance i = instances.get(accountId, instanceId);
    host.setVncPassword(i.id(), password);
  }

  /**
   * A one-time ticket to {@code kind} of the console of {@code accountId}'s instance {@code instanceId}.
   *
   * @throws io.ecsbox.common.ServiceException NOT_FOUND for another account's or no instance,
   *     INCORRECT_STATUS when it is not Running
   */
  public String ticket(String accountId, String instanceId, ConsoleGate.Kind kind) {
    Instance i = instances.get(accountId, instanceId);
    if (i.status() != InstanceStatus.Running) {
      throw InstanceError.incorrectStatus(i.id(), i.status().name());
    }
    return tickets.issue(i.id(), kind);
  }
}
