package io.ecsbox.config;

/** The log levels {@code ECSBOX_LOG_LEVEL} takes: logback's names (its {@code Level.toLevel}). */
public enum LogLevel {
  ALL, TRACE, DEBUG, INFO, WARN, ERROR, OFF
}
