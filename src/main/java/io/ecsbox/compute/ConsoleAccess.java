package io.ecsbox.compute;

import io.ecsbox.agent.ConsoleGate;

/** Console tickets for the instance's own account, and only while the instance runs (as ECS). */
public final class ConsoleAccess {
  private final InstanceService instances;
  private final ConsoleTickets tickets;

  public ConsoleAccess(InstanceService instances, ConsoleTickets tickets) {
    this.instances = instances;
    this.tickets = tickets;
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
