package dev.kindling.command;

import java.lang.reflect.Method;

/**
 * A command found at start-up.
 *
 * @param node its node
 * @param name its name
 * @param access who may run it
 * @param method its first step
 */
public record CommandSpec(String node, String name, Command.Access access, Method method) {}
