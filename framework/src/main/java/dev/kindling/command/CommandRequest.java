package dev.kindling.command;

import dev.kindling.form.FormValues;
import java.util.Map;
import org.xmpp.packet.JID;

/**
 * What a command stage receives: who runs it, the checked values of the form they submitted (empty for the
 * first step), and the session's attributes, where stages keep what later stages need.
 *
 * @param requester the full JID running the command
 * @param values the submitted form's values
 * @param attributes the session's attributes, changeable, kept until the session ends
 */
public record CommandRequest(JID requester, FormValues values, Map<String, Object> attributes) {}
