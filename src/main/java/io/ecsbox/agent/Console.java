package io.ecsbox.agent;

import java.time.Instant;

/** The serial console text since the instance's last start, and when it last changed (null: never). */
public record Console(byte[] text, Instant lastUpdate) {}
