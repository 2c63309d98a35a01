/**
 * The daemon's configuration: every {@code ECSBOX_*} variable it reads and its three flags,
 * defined once in {@link io.ecsbox.config.Settings}, read and checked once by
 * {@link io.ecsbox.config.DaemonConfig#load} into one immutable, typed value. A bad value
 * stops the daemon with a {@link io.ecsbox.config.ConfigException} that names every bad
 * setting and what it accepts. Depends only on the JDK and {@code io.ecsbox.common}.
 */
package io.ecsbox.config;
