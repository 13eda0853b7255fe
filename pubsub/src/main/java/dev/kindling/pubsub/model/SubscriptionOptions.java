package dev.kindling.pubsub.model;

import dev.kindling.form.Field;
import dev.kindling.form.Form;
import dev.kindling.form.FormValidationException;
import dev.kindling.form.FormValues;
import dev.kindling.handler.StanzaErrorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.PacketError.Condition;

/**
 * A subscription's options (XEP-0060 §6.3, the {@code pubsub#subscribe_options} form): whether to deliver
 * notifications and, for a subscription to a collection (§9), whether it wants its leaves' items or its new
 * child nodes, and from one level down or all. Digests, bodies and presence-based delivery ({@code
 * show-values}) are not implemented: only their "off" values are accepted.
 *
 * @param deliver whether notifications are delivered
 * @param nodes whether a collection subscription is to child nodes ({@code nodes}) rather than items
 * @param allDepths whether a collection subscription covers all descendants, not only children
 */
public record SubscriptionOptions(boolean deliver, boolean nodes, boolean allDepths) {
  /** The FORM_TYPE of the options form. */
  public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#subscribe_options";
  /** Delivered, items, one level. */
  public static final SubscriptionOptions DEFAULT = new SubscriptionOptions(true, false, false);

  private static final String DELIVER = "pubsub#deliver";
  private static final String DIGEST = "pubsub#digest";
  private static final String INCLUDE_BODY = "pubsub#include_body";
  private static final String SHOW_VALUES = "pubsub#show-values";
  private static final String TYPE = "pubsub#subscription_type";
  private static final String DEPTH = "pubsub#subscription_depth";

  private static final Form FORM = Form.ofType(FORM_TYPE)
      .rejectingUnknownFields()
      .field(Field.bool(DELIVER).label("Enable delivery?"))
      .field(Field.bool(DIGEST).label("Receive digest notifications (not supported: off)"))
      .field(Field.bool(INCLUDE_BODY).label("Receive message body in addition to payload (not supported: off)"))
      .field(Field.listMulti(SHOW_VALUES).label("Presence states for which to receive notifications (not"
          + " supported: any)"))
      .field(Field.listSingle(TYPE).label("Type of notifications to receive from a collection")
          .option("items", "Items of its leaves").option("nodes", "New child nodes"))
      .field(Field.listSingle(DEPTH).label("Depth from the collection to receive notifications from")
          .option("1", "Children only").option("all", "All descendants"));

  /**
   * These options with a submission's fields changed.
   *
   * @throws StanzaErrorException {@code bad-request} with {@code <invalid-options/>} for a malformed or unknown
   *     field; {@code feature-not-implemented} for digests, bodies and presence-based delivery
   */
  public SubscriptionOptions apply(DataForm submitted) throws StanzaErrorException {
    if (submitted == null) {
      return this;
    }
    FormValues read;
    try {
      read = FORM.read(submitted);
    } catch (FormValidationException e) {
      throw PubSubErrors.of(Condition.bad_request, "invalid-options", String.join("; ", e.problems()));
    }
    for (String off : List.of(DIGEST, INCLUDE_BODY)) {
      if (read.text(off).isPresent() && read.bool(off)) {
        throw PubSubErrors.plain(Condition.feature_not_implemented, off + " is not implemented");
      }
    }
    if (!read.list(SHOW_VALUES).isEmpty()) {
      throw PubSubErrors.plain(Condition.feature_not_implemented, SHOW_VALUES
          + " (presence-based delivery) is not implemented: a component does not see presence");
    }
    boolean newDeliver = read.text(DELIVER).isPresent() ? read.bool(DELIVER) : deliver;
    boolean newNodes = read.text(TYPE).map("nodes"::equals).orElse(nodes);
    boolean newAllDepths = read.text(DEPTH).map("all"::equals).orElse(allDepths);
    return new SubscriptionOptions(newDeliver, newNodes, newAllDepths);
  }

  /** The options form filled with these options. */
  public DataForm toForm() {
    return FORM.toDataForm(values());
  }

  private Map<String, Object> values() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(DELIVER, deliver);
    values.put(DIGEST, false);
    values.put(INCLUDE_BODY, false);
    values.put(TYPE, nodes ? "nodes" : "items");
    values.put(DEPTH, allDepths ? "all" : "1");
    return values;
  }

  /** The options as a {@code submit} form, as the database stores them. */
  public String serialise() {
    return FORM.submit(values()).getElement().asXML();
  }

  /** Stored options. */
  public static SubscriptionOptions parse(String stored) {
    try {
      DataForm form = new DataForm(DocumentHelper.parseText(stored).getRootElement());
      FormField deliver = form.getField(DELIVER);
      FormField type = form.getField(TYPE);
      FormField depth = form.getField(DEPTH);
      return new SubscriptionOptions(deliver == null || List.of("1", "true").contains(deliver.getFirstValue()),
          type != null && "nodes".equals(type.getFirstValue()), depth != null && "all".equals(depth.getFirstValue()));
    } catch (DocumentException e) {
      throw new IllegalStateException("stored subscription options do not parse: " + stored, e);
    }
  }
}
