package io.ecsbox.common;

/**
 * One condition a service can meet and refuse a call for (not found, wrong state, over a
 * limit, in conflict, an invalid value, ...), in the capability's own words. Each capability
 * lists its conditions as an enum; {@code api/} maps every one of them to its ECS error code and
 * HTTP status, in one place, so one condition gets one code whichever action meets it.
 */
public interface Condition {
  /** The enum constant's name. */
  String name();
}
