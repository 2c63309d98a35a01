package io.ecsbox.agent;

/** What a host does for an instance's consoles. */
public interface ConsoleAgent {
  /**
   * Sets the password of the instance's VNC server for every later start (kept on the host, never
   * shown), and at once for new VNC clients when the running guest has a VNC password already.
   *
   * @param password 6 letters and digits, already checked
   */
  void setVncPassword(String instanceId, String password);
}
