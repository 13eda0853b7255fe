/**
 * The sample bots, written with the public API as a user writes theirs: {@link
 * dev.kindling.mucbot.samples.CommandBot} and {@link dev.kindling.mucbot.samples.PubSubBridge}, declared by {@link
 * dev.kindling.mucbot.samples.SampleBotsModule} and ready to run as component {@code mucbot}.
 */
package dev.kindling.mucbot.samples;
