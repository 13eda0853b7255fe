/**
 * Group-chat bots (XEP-0045) in a Kindling component: a {@link dev.kindling.mucbot.RoomBot} class with annotated
 * methods ({@link dev.kindling.mucbot.OnCommand} and the other {@code On…}), declared with {@link
 * dev.kindling.mucbot.MucBots} and configured by {@link dev.kindling.mucbot.MucBotKeys}. The rest of the package
 * (joining, status codes, history, rate limits, self-ping, invitations) runs them and is not API.
 */
package dev.kindling.mucbot;
