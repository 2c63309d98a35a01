package io.ecsbox.cli.common;

/** How commands print results: aligned tables for people, or the API's JSON for scripts. */
public enum OutputFormat {
  table,
  json
}
