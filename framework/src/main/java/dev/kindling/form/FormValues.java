package dev.kindling.form;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * The values of a submitted form that passed its fields' checks, read by type. A field that was not filled
 * reads as empty.
 */
public final class FormValues {
  private static final FormValues EMPTY = new FormValues(Map.of());

  private final Map<String, List<String>> values;

  FormValues(Map<String, List<String>> values) {
    this.values = Map.copyOf(values);
  }

  /** No values: what a command's first step receives. */
  public static FormValues empty() {
    return EMPTY;
  }

  /** The single value of {@code var}, if filled. */
  public Optional<String> text(String var) {
    List<String> all = list(var);
    return all.isEmpty() || all.get(0).isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** All values of {@code var}, in order. */
  public List<String> list(String var) {
    return values.getOrDefault(var, List.of());
  }

  /** The boolean value of {@code var}, {@code false} if not filled. */
  public boolean bool(String var) {
    return text(var).map(FormValues::parseBoolean).orElse(false);
  }

  /** The address in {@code var}, if filled. */
  public Optional<JID> jid(String var) {
    return text(var).map(FormValues::parseJid);
  }

  /** Every filled var with its values. */
  public Map<String, List<String>> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** XEP-0004 §3.3: {@code 1}/{@code true} and {@code 0}/{@code false}; otherwise {@code null}. */
  static Boolean parseBoolean(String value) {
    return switch (value) {
      case "1", "true" -> Boolean.TRUE;
      case "0", "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  static JID parseJid(String value) {
    try {
      return new JID(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
