package dev.kindling.command;

import dev.kindling.disco.DiscoIdentity;
import dev.kindling.disco.DiscoItem;
import dev.kindling.disco.DiscoProvider;
import dev.kindling.disco.DiscoQuery;
import dev.kindling.disco.EntityInfo;
import dev.kindling.form.FormValidationException;
import dev.kindling.form.FormValues;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.Feature;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.StanzaErrorException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Runs the component's {@link Command}s (XEP-0050): starts them, carries sessions through {@code next},
 * {@code prev}, {@code complete} and {@code cancel}, checks each submitted form before its stage sees it
 * (showing the form again, with the values the user typed and the problems as an error note), and lists the
 * commands a requester may run under the commands node of disco#items. Installed when a component has a command.
 * Stages run as {@link Blocking} handlers: they may do I/O, and never run on the connection's reader thread.
 */
@Feature("jabber:x:data")
public final class AdHocCommandHandler implements DiscoProvider {
  /** The ad-hoc commands namespace, also the node listing the commands. */
  public static final String NAMESPACE = "http://jabber.org/protocol/commands";

  private final Commands commands;
  private final CommandSessions sessions;
  private final AccessPolicy access;
  private final JID self;

  @Inject
  AdHocCommandHandler(Commands commands, CommandSessions sessions, AccessPolicy access, Outbound outbound) {
    this.commands = commands;
    this.sessions = sessions;
    this.access = access;
    this.self = outbound.jid();
  }

  @IqHandler(element = "command", namespace = NAMESPACE, type = IQ.Type.set)
  @Blocking
  Element execute(JID requester, Element command) throws Throwable {
    String node = command.attributeValue("node", "");
    Commands.Bound bound = commands.get(node);
    if (bound == null) {
      throw new StanzaErrorException(PacketError.Condition.item_not_found, "no command '" + node + "'");
    }
    if (!access.allows(bound.spec().access(), requester)) {
      throw new StanzaErrorException(PacketError.Condition.forbidden, "you may not run '" + node + "'");
    }
    String sessionId = command.attributeValue("sessionid");
    String action = command.attributeValue("action", "execute");
    if (sessionId == null) {
      if (!action.equals("execute")) {
        throw badAction("a new command starts with execute, not " + action);
      }
      CommandSessions.Session session = sessions.create(requester, node);
      synchronized (session) {
        CommandStep first;
        try {
          first = bound.start(new CommandRequest(requester, FormValues.empty(), session.attributes));
        } catch (Throwable failure) {
          sessions.close(session);
          throw failure;
        }
        if (!first.isCompleted()) {
          sessions.register(session);
        }
        return advance(session, first);
      }
    }
    CommandSessions.Session session = sessions.find(sessionId, requester, node);
    synchronized (session) {
      try {
        return continueSession(session, action, command);
      } catch (RuntimeException failure) {
        sessions.close(session);
        throw failure;
      }
    }
  }

  private Element continueSession(CommandSessions.Session session, String action, Element command) {
    CommandStep current = session.steps.peek();
    switch (action) {
      case "cancel" -> {
        sessions.close(session);
        return response(session, "canceled");
      }
      case "prev" -> {
        if (session.steps.size() < 2) {
          throw badAction("there is no previous stage");
        }
        session.steps.pop();
        CommandStep previous = session.steps.peek();
        return executing(session, previous, null, previous.form().toDataForm());
      }
      case "execute", "next", "complete" -> {
        String chosen = action.equals("execute") ? current.defaultAction() : action;
        Stage stage = chosen.equals("next") ? current.next() : current.complete();
        if (stage == null) {
          throw badAction("this stage does not allow " + chosen);
        }
        DataForm submitted = submitted(command);
        if (submitted != null && submitted.getType() == DataForm.Type.cancel) {
          sessions.close(session);
          return response(session, "canceled");
        }
        if (submitted != null && submitted.getType() != DataForm.Type.submit) {
          throw new StanzaErrorException(PacketError.Condition.bad_request,
              "a form is answered with type 'submit', not '" + submitted.getType() + "'",
              CommandSessions.commandsCondition("bad-payload"));
        }
        FormValues values;
        try {
          values = current.form().read(submitted);
        } catch (FormValidationException e) {
          return executing(session, current, String.join("; ", e.problems()), current.form().refilled(submitted));
        }
        return advance(session, stage.handle(new CommandRequest(session.owner, values, session.attributes)));
      }
      default -> throw new StanzaErrorException(PacketError.Condition.bad_request,
          "unknown action '" + action + "'", CommandSessions.commandsCondition("malformed-action"));
    }
  }

  private Element advance(CommandSessions.Session session, CommandStep step) {
    if (step.isCompleted()) {
      sessions.close(session);
      Element done = response(session, "completed");
      if (step.note() != null) {
        note(done, "info", step.note());
      }
      if (step.result() != null) {
        done.add(step.result().getElement().createCopy());
      }
      return done;
    }
    if (step.next() == null && step.complete() == null) {
      sessions.close(session);
      throw new IllegalStateException("command " + session.node + " showed a form with neither onNext nor onComplete");
    }
    session.steps.push(step);
    return executing(session, step, null, step.form().toDataForm());
  }

  private Element executing(CommandSessions.Session session, CommandStep step, String error, DataForm shown) {
    Element answer = response(session, "executing");
    Element actions = answer.addElement("actions").addAttribute("execute", step.defaultAction());
    if (session.steps.size() > 1) {
      actions.addElement("prev");
    }
    if (step.next() != null) {
      actions.addElement("next");
    }
    if (step.complete() != null) {
      actions.addElement("complete");
    }
    if (error != null) {
      note(answer, "error", error);
    } else if (step.note() != null) {
      note(answer, "info", step.note());
    }
    answer.add(shown.getElement());
    return answer;
  }

  private static Element response(CommandSessions.Session session, String status) {
    Element answer = DocumentHelper.createElement(QName.get("command", NAMESPACE));
    answer.addAttribute("node", session.node).addAttribute("sessionid", session.id).addAttribute("status", status);
    return answer;
  }

  private static void note(Element answer, String type, String text) {
    answer.addElement("note").addAttribute("type", type).setText(text);
  }

  private static DataForm submitted(Element command) {
    Element form = command.element(QName.get("x", DataForm.NAMESPACE));
    return form == null ? null : new DataForm(form);
  }

  private static StanzaErrorException badAction(String text) {
    return new StanzaErrorException(PacketError.Condition.bad_request, text,
        CommandSessions.commandsCondition("bad-action"));
  }

  /** The commands the requester may run, under the commands node of the domain (XEP-0050 §2.2). */
  @Override
  public List<DiscoItem> items(DiscoQuery query) {
    if (!NAMESPACE.equals(query.node()) || query.addressee().getNode() != null) {
      return List.of();
    }
    return commands.all().stream()
        .filter(command -> access.allows(command.spec().access(), query.requester()))
        .map(command -> new DiscoItem(self, command.spec().node(), command.spec().name()))
        .toList();
  }

  /** The commands node's and a command node's identity and features (XEP-0050 §2.3). */
  @Override
  public Optional<EntityInfo> info(DiscoQuery query) {
    String node = query.node();
    if (node == null || query.addressee().getNode() != null) {
      return Optional.empty();
    }
    if (NAMESPACE.equals(node)) {
      return Optional.of(new EntityInfo(List.of(new DiscoIdentity("automation", "command-list", "Commands")),
          List.of(NAMESPACE)));
    }
    Commands.Bound command = commands.get(node);
    if (command == null || !access.allows(command.spec().access(), query.requester())) {
      return Optional.empty();
    }
    return Optional.of(new EntityInfo(
        List.of(new DiscoIdentity("automation", "command-node", command.spec().name())),
        List.of(NAMESPACE, DataForm.NAMESPACE)));
  }
}
