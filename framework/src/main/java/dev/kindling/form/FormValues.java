package dev.kindling.form;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.xmpp.packet.JID;

/**
 * The values of a submitted form that passed its fields' checks, read by type. A field that was not filled
 * reads as empty. Immutable.
 */
public final class FormValues {
  private static final FormValues EMPTY = new FormValues(Map.of(), Set.of());

  private final Map<String, List<String>> values;
  private final Set<String> unknownFields;

  FormValues(Map<String, List<String>> values, Set<String> unknownFields) {
    this.values = Map.copyOf(values);
    this.unknownFields = Collections.unmodifiableSet(new LinkedHashSet<>(unknownFields));
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

  /**
   * The whole number in {@code var}, if filled; a {@link Field#integer} field's submissions were checked to be one.
   *
   * @throws IllegalArgumentException if the value is not a whole number that fits an {@code int} (possible only
   *     for a field not declared with {@link Field#integer})
   */
  public OptionalInt integer(String var) {
    Optional<String> value = text(var);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    Integer parsed = parseInt(value.get());
    if (parsed == null) {
      throw notA("an int", var, value.get());
    }
    return OptionalInt.of(parsed);
  }

  /**
   * The whole number in {@code var} as a {@code long}, if filled.
   *
   * @throws IllegalArgumentException if the value is not a whole number that fits a {@code long}
   */
  public OptionalLong longValue(String var) {
    Optional<String> value = text(var);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.get()));
    } catch (NumberFormatException e) {
      throw notA("a long", var, value.get());
    }
  }

  /** The address in {@code var}, if filled. */
  public Optional<JID> jid(String var) {
    return text(var).map(FormValues::parseJid);
  }

  /**
   * The addresses in {@code var}, in order, each once: XEP-0004 §3.3 has a {@code jid-multi} field ignore
   * duplicates (compared after JID preparation).
   *
   * @throws IllegalArgumentException if a value is not an address (possible only for a field not declared with
   *     {@link Field#jid} or {@link Field#jidMulti})
   */
  public List<JID> jids(String var) {
    Set<JID> jids = new LinkedHashSet<>();
    for (String value : list(var)) {
      JID jid = parseJid(value);
      if (jid == null) {
        throw notA("an XMPP address", var, value);
      }
      jids.add(jid);
    }
    return List.copyOf(jids);
  }

  /** Every filled var of the form with its values. */
  public Map<String, List<String>> asMap() {
    return values;
  }

  /**
   * The vars the submission had that the form does not (other than {@code FORM_TYPE}), in submitted order, such
   * as a {@code pubsub#} option a service does not support; their values are not kept.
   */
  public Set<String> unknownFields() {
    return unknownFields;
  }

  @Override
  public String toString() {
    return values.toString();
  }

  private static IllegalArgumentException notA(String what, String var, String value) {
    return new IllegalArgumentException("field '" + var + "' holds '" + value + "', which is not " + what
        + "; declare the field with the matching Field type to have submissions checked");
  }

  /** XEP-0004 §3.3: {@code 1}/{@code true} and {@code 0}/{@code false}; otherwise {@code null}. */
  static Boolean parseBoolean(String value) {
    return switch (value) {
      case "1", "true" -> Boolean.TRUE;
      case "0", "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** A decimal whole number that fits an {@code int}, optionally signed; otherwise {@code null}. */
  static Integer parseInt(String value) {
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static JID parseJid(String value) {
    try {
      return new JID(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
