package dev.kindling.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Runs an ad-hoc command (XEP-0050) of a component in a {@link ComponentTester}, as a client would: starts it,
 * fills and submits its forms, goes back or cancels, and shows what the component answered each time. It keeps
 * the session id, so a test never writes XEP-0050 XML. Each action sends one IQ and waits for its answer; the
 * run then describes that answer. Not thread-safe: one test thread drives it.
 *
 * <pre>{@code
 * CommandRun run = CommandRun.start(tester, "register-city", "alice@localhost/phone");
 * assertThat(run.form().getTitle()).isEqualTo("Register a city");
 * run.next(Map.of("city", "Paris", "units", "imperial"));
 * run.complete(Map.of("confirm", "true"));
 * assertThat(run.status()).isEqualTo("completed");
 * }</pre>
 */
public final class CommandRun {
  /** The ad-hoc commands namespace. */
  public static final String NAMESPACE = "http://jabber.org/protocol/commands";
  private static final AtomicLong IDS = new AtomicLong();

  private final ComponentTester tester;
  private final String node;
  private final String requester;
  private String sessionId;
  private IQ answer;

  /** A note of the answer (XEP-0050): its type ({@code info}, {@code warn}, {@code error}) and text. */
  public record Note(String type, String text) {}

  private CommandRun(ComponentTester tester, String node, String requester) {
    this.tester = tester;
    this.node = node;
    this.requester = requester;
  }

  /**
   * Starts the command {@code node} as {@code requester} (a full JID) with {@code action='execute'}.
   *
   * @throws AssertionError if the component does not answer within the tester's wait
   */
  public static CommandRun start(ComponentTester tester, String node, String requester) {
    CommandRun run = new CommandRun(Objects.requireNonNull(tester, "tester"), Objects.requireNonNull(node, "node"),
        Objects.requireNonNull(requester, "requester"));
    return run.send("execute", null);
  }

  /** Submits {@code values} with {@code action='next'}; see {@link #complete} for the values. */
  public CommandRun next(Map<String, ?> values) {
    return send("next", values);
  }

  /**
   * Submits {@code values} with {@code action='complete'}.
   *
   * @param values var to value: a {@code String}, or a {@code Collection} of them for a multi-valued field
   */
  public CommandRun complete(Map<String, ?> values) {
    return send("complete", values);
  }

  /** Submits {@code values} with {@code action='execute'}: the stage's default action. */
  public CommandRun execute(Map<String, ?> values) {
    return send("execute", values);
  }

  /** Goes back to the previous stage ({@code action='prev'}, no form). */
  public CommandRun prev() {
    return send("prev", null);
  }

  /** Cancels the command ({@code action='cancel'}, no form). */
  public CommandRun cancel() {
    return send("cancel", null);
  }

  /** The session id the component gave, or {@code null} if it has given none yet. */
  public String sessionId() {
    return sessionId;
  }

  /** The last answer as it came. */
  public IQ answer() {
    return answer;
  }

  /** The error of the last answer, or {@code null} if it was a result. */
  public PacketError error() {
    return answer.getType() == IQ.Type.error ? answer.getError() : null;
  }

  /** The status of the last answer ({@code executing}, {@code completed}, {@code canceled}), {@code null} on error. */
  public String status() {
    Element command = command();
    return command == null ? null : command.attributeValue("status");
  }

  /** The form the last answer shows (or the result form a completed command returns), or {@code null}. */
  public DataForm form() {
    Element command = command();
    Element form = command == null ? null : command.element(QName.get("x", DataForm.NAMESPACE));
    return form == null ? null : new DataForm(form.createCopy());
  }

  /** The notes of the last answer, in order. */
  public List<Note> notes() {
    Element command = command();
    if (command == null) {
      return List.of();
    }
    return command.elements("note").stream().map(note -> new Note(note.attributeValue("type", "info"), note.getText()))
        .toList();
  }

  /** The actions the last answer offers ({@code prev}, {@code next}, {@code complete}), in order; empty if none. */
  public List<String> actions() {
    Element command = command();
    Element actions = command == null ? null : command.element("actions");
    return actions == null ? List.of() : actions.elements().stream().map(Element::getName).toList();
  }

  /** The action {@code execute} stands for at this stage (the {@code execute} attribute), or {@code null}. */
  public String defaultAction() {
    Element command = command();
    Element actions = command == null ? null : command.element("actions");
    return actions == null ? null : actions.attributeValue("execute");
  }

  private Element command() {
    return answer.getType() == IQ.Type.result ? answer.getChildElement() : null;
  }

  private CommandRun send(String action, Map<String, ?> values) {
    Element iq = DocumentHelper.createElement("iq").addAttribute("type", "set")
        .addAttribute("id", "command-run-" + IDS.incrementAndGet()).addAttribute("from", requester)
        .addAttribute("to", tester.outbound().jid().toString());
    Element command = iq.addElement(QName.get("command", NAMESPACE)).addAttribute("node", node)
        .addAttribute("action", action);
    if (sessionId != null) {
      command.addAttribute("sessionid", sessionId);
    }
    if (values != null) {
      command.add(submission(values).getElement());
    }
    answer = tester.iq(iq.asXML());
    Element answered = command();
    if (answered != null && answered.attributeValue("sessionid") != null) {
      sessionId = answered.attributeValue("sessionid");
    }
    return this;
  }

  private static DataForm submission(Map<String, ?> values) {
    DataForm form = new DataForm(DataForm.Type.submit);
    values.forEach((var, value) -> {
      var field = form.addField(var, null, null);
      if (value instanceof Collection<?> many) {
        many.forEach(one -> field.addValue(String.valueOf(one)));
      } else {
        field.addValue(String.valueOf(value));
      }
    });
    return form;
  }
}
