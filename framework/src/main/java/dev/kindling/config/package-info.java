/**
 * Typed configuration keys: {@link dev.kindling.config.ConfigKey} (string, secret, list, int with a range,
 * boolean, duration, JID, JID list, path; a default or required; a description), declared from Guice modules with
 * {@link dev.kindling.config.ConfigKeys} and read and checked by {@link dev.kindling.inject.KindlingConfig}
 * from a properties file, the environment and flags.
 */
package dev.kindling.config;
