/**
 * Putting components together with Guice: {@link dev.kindling.inject.Components} declares which handler classes
 * make up which component, {@link dev.kindling.inject.ReadyComponent} offers a component that runs by its name
 * alone, {@link dev.kindling.inject.KindlingConfig} reads the configuration (file, then environment, then flags),
 * and {@link dev.kindling.inject.Kindling} checks everything, builds one routing table and connection per
 * component, runs them and stops them.
 */
package dev.kindling.inject;
