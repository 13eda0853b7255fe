package dev.kindling.pubsub.model;

import dev.kindling.form.Field;
import dev.kindling.form.Form;
import dev.kindling.form.FormValidationException;
import dev.kindling.form.FormValues;
import dev.kindling.handler.StanzaErrorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.PacketError.Condition;

/**
 * A node's configuration (XEP-0060 §8.2, the {@code pubsub#node_config} form): the options a client sees and
 * submits, checked once when submitted, and read as typed values on every publish. Immutable; a submission gives
 * a new one.
 *
 * <p>Only the options the service implements are in the form. A submission with any other field, or a value
 * the service does not support, is refused with the error XEP-0060 names rather than silently ignored:
 * {@code pubsub#presence_based_delivery} and the {@code presence}/{@code roster} access models need the owner's
 * presence and roster, which a component does not see.
 */
public final class NodeConfig {
  /** The FORM_TYPE of the configuration form. */
  public static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#node_config";
  /** {@code pubsub#max_items} for "as many as the service allows". */
  public static final int MAX = -1;

  public static final String TITLE = "pubsub#title";
  public static final String DESCRIPTION = "pubsub#description";
  public static final String PAYLOAD_TYPE = "pubsub#type";
  public static final String NODE_TYPE = "pubsub#node_type";
  public static final String ACCESS_MODEL = "pubsub#access_model";
  public static final String PUBLISH_MODEL = "pubsub#publish_model";
  public static final String MAX_ITEMS = "pubsub#max_items";
  public static final String PERSIST_ITEMS = "pubsub#persist_items";
  public static final String DELIVER_PAYLOADS = "pubsub#deliver_payloads";
  public static final String DELIVER_NOTIFICATIONS = "pubsub#deliver_notifications";
  public static final String NOTIFY_CONFIG = "pubsub#notify_config";
  public static final String NOTIFY_DELETE = "pubsub#notify_delete";
  public static final String NOTIFY_RETRACT = "pubsub#notify_retract";
  public static final String NOTIFY_SUB = "pubsub#notify_sub";
  public static final String SEND_LAST_PUBLISHED_ITEM = "pubsub#send_last_published_item";
  public static final String ITEM_EXPIRE = "pubsub#item_expire";
  public static final String PRESENCE_BASED_DELIVERY = "pubsub#presence_based_delivery";
  public static final String COLLECTION = "pubsub#collection";
  public static final String CHILDREN = "pubsub#children";
  public static final String ITEM_REPLY = "pubsub#itemreply";
  public static final String NOTIFICATION_TYPE = "pubsub#notification_type";
  public static final String MAX_PAYLOAD_SIZE = "pubsub#max_payload_size";

  private static final Form FORM = Form.ofType(FORM_TYPE)
      .rejectingUnknownFields()
      .field(Field.text(TITLE).label("A friendly name for the node"))
      .field(Field.text(DESCRIPTION).label("A description of the node"))
      .field(Field.text(PAYLOAD_TYPE).label("The type of node data, usually the namespace of the payload"))
      .field(Field.listSingle(NODE_TYPE).label("Whether the node is a leaf (default) or a collection")
          .option("leaf", "The node is a leaf node (default)")
          .option("collection", "The node is a collection node"))
      .field(Field.listSingle(ACCESS_MODEL).label("Who may subscribe and retrieve items")
          .option("open", "Anyone").option("whitelist", "Only those on a whitelist")
          .option("authorize", "Subscription requests must be approved by an owner"))
      .field(Field.listSingle(PUBLISH_MODEL).label("Who may publish items")
          .option("publishers", "Only publishers").option("subscribers", "Subscribers")
          .option("open", "Anyone"))
      .field(Field.text(MAX_ITEMS).label("Maximum number of items to persist ('max' for the service's most)"))
      .field(Field.bool(PERSIST_ITEMS).label("Persist items to storage"))
      .field(Field.bool(DELIVER_PAYLOADS).label("Deliver payloads with event notifications"))
      .field(Field.bool(DELIVER_NOTIFICATIONS).label("Deliver event notifications"))
      .field(Field.bool(NOTIFY_CONFIG).label("Notify subscribers when the node configuration changes"))
      .field(Field.bool(NOTIFY_DELETE).label("Notify subscribers when the node is deleted"))
      .field(Field.bool(NOTIFY_RETRACT).label("Notify subscribers when items are removed from the node"))
      .field(Field.bool(NOTIFY_SUB).label("Notify owners about new subscribers and unsubscribes"))
      .field(Field.listSingle(SEND_LAST_PUBLISHED_ITEM).label("When to send the last published item")
          .option("never", "Never").option("on_sub", "When a new subscription is processed")
          .option("on_sub_and_presence", "When a new subscription is processed (presence is not seen)"))
      .field(Field.integer(ITEM_EXPIRE).label("Number of seconds after which items expire (0: never)"))
      .field(Field.bool(PRESENCE_BASED_DELIVERY).label("Deliver notifications only to available users (not"
          + " supported: a component does not see presence)"))
      .field(Field.textMulti(COLLECTION).label("The collection with which the node is affiliated"))
      .field(Field.textMulti(CHILDREN).label("The child nodes (leaf or collection) of a collection"))
      .field(Field.listSingle(ITEM_REPLY).label("Whom replies to an item go to")
          .option("owner", "The node owner").option("publisher", "The item publisher"))
      .field(Field.listSingle(NOTIFICATION_TYPE).label("The type of message notifications are sent in")
          .option("normal", "Messages of type normal").option("headline", "Messages of type headline"))
      .field(Field.integer(MAX_PAYLOAD_SIZE).label("The maximum payload size in bytes"));

  private final Map<String, List<String>> values;
  private final boolean collection;
  private final AccessModel accessModel;
  private final PublishModel publishModel;
  private final int maxItems;
  private final boolean persistItems;
  private final boolean deliverPayloads;
  private final boolean deliverNotifications;
  private final boolean notifyConfig;
  private final boolean notifyDelete;
  private final boolean notifyRetract;
  private final boolean notifySub;
  private final boolean sendLastOnSubscribe;
  private final long itemExpireSeconds;
  private final String parent;
  private final boolean replyToPublisher;
  private final boolean headline;
  private final int maxPayloadSize;

  private NodeConfig(Map<String, List<String>> values) {
    this.values = Map.copyOf(values);
    collection = single(NODE_TYPE).equals("collection");
    accessModel = AccessModel.parse(single(ACCESS_MODEL));
    publishModel = PublishModel.parse(single(PUBLISH_MODEL));
    maxItems = single(MAX_ITEMS).equals("max") ? MAX : Integer.parseInt(single(MAX_ITEMS));
    persistItems = flag(PERSIST_ITEMS);
    deliverPayloads = flag(DELIVER_PAYLOADS);
    deliverNotifications = flag(DELIVER_NOTIFICATIONS);
    notifyConfig = flag(NOTIFY_CONFIG);
    notifyDelete = flag(NOTIFY_DELETE);
    notifyRetract = flag(NOTIFY_RETRACT);
    notifySub = flag(NOTIFY_SUB);
    sendLastOnSubscribe = !single(SEND_LAST_PUBLISHED_ITEM).equals("never");
    itemExpireSeconds = Long.parseLong(single(ITEM_EXPIRE));
    List<String> parents = values.getOrDefault(COLLECTION, List.of());
    parent = parents.isEmpty() ? null : parents.get(0);
    replyToPublisher = single(ITEM_REPLY).equals("publisher");
    headline = single(NOTIFICATION_TYPE).equals("headline");
    maxPayloadSize = Integer.parseInt(single(MAX_PAYLOAD_SIZE));
  }

  /** The configuration of a new leaf node, or collection, as the service's defaults make it. */
  public static NodeConfig defaults(boolean collection, PubSubLimits limits) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    values.put(TITLE, List.of());
    values.put(DESCRIPTION, List.of());
    values.put(PAYLOAD_TYPE, List.of());
    values.put(NODE_TYPE, List.of(collection ? "collection" : "leaf"));
    values.put(ACCESS_MODEL, List.of("open"));
    values.put(PUBLISH_MODEL, List.of("publishers"));
    values.put(MAX_ITEMS, List.of(Integer.toString(limits.defaultMaxItems())));
    values.put(PERSIST_ITEMS, List.of("1"));
    values.put(DELIVER_PAYLOADS, List.of("1"));
    values.put(DELIVER_NOTIFICATIONS, List.of("1"));
    values.put(NOTIFY_CONFIG, List.of("0"));
    values.put(NOTIFY_DELETE, List.of("1"));
    values.put(NOTIFY_RETRACT, List.of("1"));
    values.put(NOTIFY_SUB, List.of("0"));
    // XEP-0060 §4.3: a service advertising last-published defaults to on_sub_and_presence (here: on subscription)
    values.put(SEND_LAST_PUBLISHED_ITEM, List.of("on_sub_and_presence"));
    values.put(ITEM_EXPIRE, List.of("0"));
    values.put(PRESENCE_BASED_DELIVERY, List.of("0"));
    values.put(COLLECTION, List.of());
    values.put(ITEM_REPLY, List.of("owner"));
    values.put(NOTIFICATION_TYPE, List.of("headline"));
    values.put(MAX_PAYLOAD_SIZE, List.of(Integer.toString(limits.maxPayloadBytes())));
    return new NodeConfig(values);
  }

  /**
   * This configuration with the fields of {@code submitted} changed, checked against XEP-0060 and the limits.
   * {@code pubsub#children} is not kept here (a node's children are each child's {@code pubsub#collection}):
   * read it with {@link #submittedChildren}.
   *
   * @param submitted a {@code pubsub#node_config} submission, or {@code null} for no change
   * @param atCreation whether the node is being created, the only time its {@code pubsub#node_type} may be set
   * @throws StanzaErrorException {@code not-acceptable} for a malformed or unknown field, {@code
   *     feature-not-implemented} with {@code <unsupported/>} for an option the service does not implement
   */
  public NodeConfig apply(DataForm submitted, boolean atCreation, PubSubLimits limits) throws StanzaErrorException {
    if (submitted == null || submitted.getType() == DataForm.Type.cancel) {
      return this;
    }
    refuseUnsupported(submitted);
    FormValues read;
    try {
      read = FORM.read(submitted);
    } catch (FormValidationException e) {
      throw PubSubErrors.plain(Condition.not_acceptable, "configuration refused: " + String.join("; ", e.problems()));
    }
    Map<String, List<String>> changed = new LinkedHashMap<>(values);
    for (Map.Entry<String, List<String>> field : read.asMap().entrySet()) {
      if (field.getKey().equals(CHILDREN)) {
        continue;
      }
      changed.put(field.getKey(), normalised(field.getKey(), field.getValue()));
    }
    checkValues(changed, atCreation, limits);
    return new NodeConfig(changed);
  }

  /** This configuration with one option set as it is, for the service's own changes (a child's collection). */
  public NodeConfig with(String var, List<String> newValues) {
    if (!values.containsKey(var)) {
      throw new IllegalArgumentException("no option " + var);
    }
    Map<String, List<String>> changed = new LinkedHashMap<>(values);
    changed.put(var, List.copyOf(newValues));
    return new NodeConfig(changed);
  }

  /** The {@code pubsub#children} a submission lists, if it has the field. */
  public static Optional<List<String>> submittedChildren(DataForm submitted) {
    if (submitted == null) {
      return Optional.empty();
    }
    FormField field = submitted.getField(CHILDREN);
    return field == null ? Optional.empty() : Optional.of(List.copyOf(field.getValues()));
  }

  private void checkValues(Map<String, List<String>> changed, boolean atCreation, PubSubLimits limits)
      throws StanzaErrorException {
    if (!atCreation && !changed.get(NODE_TYPE).equals(values.get(NODE_TYPE))) {
      throw PubSubErrors.plain(Condition.not_acceptable, "a node's type is chosen when it is created");
    }
    String maxItemsText = changed.get(MAX_ITEMS).isEmpty() ? "" : changed.get(MAX_ITEMS).get(0);
    if (!maxItemsText.equals("max")) {
      int asked = parseIntOr(maxItemsText, -1);
      if (asked < 1 || asked > limits.maxItemsPerNode()) {
        throw PubSubErrors.of(Condition.not_acceptable, "max-items-exceeded", "pubsub#max_items must be 'max' or"
            + " between 1 and " + limits.maxItemsPerNode() + ", not '" + maxItemsText + "'");
      }
    }
    int payload = parseIntOr(single(changed, MAX_PAYLOAD_SIZE), -1);
    if (payload < 1 || payload > limits.maxPayloadBytes()) {
      throw PubSubErrors.plain(Condition.not_acceptable, "pubsub#max_payload_size must be between 1 and "
          + limits.maxPayloadBytes());
    }
    if (parseIntOr(single(changed, ITEM_EXPIRE), -1) < 0) {
      throw PubSubErrors.plain(Condition.not_acceptable, "pubsub#item_expire must be 0 or more seconds");
    }
    if (changed.get(COLLECTION).size() > 1) {
      throw PubSubErrors.unsupported("multi-collection", "a node may belong to one collection only");
    }
    if (changed.get(COLLECTION).size() == 1 && changed.get(COLLECTION).get(0).isEmpty()) {
      changed.put(COLLECTION, List.of());
    }
  }

  private static void refuseUnsupported(DataForm submitted) throws StanzaErrorException {
    FormField access = submitted.getField(ACCESS_MODEL);
    if (access != null && (access.getValues().contains("presence") || access.getValues().contains("roster"))) {
      throw PubSubErrors.of(Condition.not_acceptable, "unsupported-access-model", "the presence and roster access"
          + " models need the owner's presence subscriptions and roster, which a component does not see");
    }
    FormField presenceBased = submitted.getField(PRESENCE_BASED_DELIVERY);
    if (presenceBased != null && presenceBased.getValues().stream().anyMatch(v -> v.equals("1") || v.equals("true"))) {
      throw PubSubErrors.unsupported("presence-notifications", "presence-based delivery needs subscribers'"
          + " presence, which a component does not see");
    }
  }

  /**
   * The first precondition (XEP-0060 §7.1.5, a {@code pubsub#publish-options} submission) this configuration
   * does not meet, if any: each field's value must equal the node's, booleans and {@code max_items=max} compared
   * by meaning. A field the service does not know is not met.
   */
  public Optional<String> unmetPrecondition(DataForm preconditions, PubSubLimits limits) {
    if (preconditions == null) {
      return Optional.empty();
    }
    for (FormField field : preconditions.getFields()) {
      String var = field.getVariable();
      if (var == null || var.equals(Form.FORM_TYPE)) {
        continue;
      }
      if (!values.containsKey(var)) {
        return Optional.of(var + " (an option this service does not have)");
      }
      List<String> wanted = normalised(var, field.getValues());
      List<String> have = values.get(var);
      boolean met = var.equals(MAX_ITEMS) ? sameMaxItems(wanted, limits) : wanted.equals(have);
      if (!met) {
        return Optional.of(var + " is " + String.join(",", have) + ", not " + String.join(",", wanted));
      }
    }
    return Optional.empty();
  }

  private boolean sameMaxItems(List<String> wanted, PubSubLimits limits) {
    if (wanted.size() != 1) {
      return false;
    }
    int asked = wanted.get(0).equals("max") ? limits.maxItemsPerNode() : parseIntOr(wanted.get(0), -2);
    return asked == effectiveMaxItems(limits);
  }

  /** Booleans as {@code 1}/{@code 0}, so that {@code true} and {@code 1} compare equal. */
  private static List<String> normalised(String var, List<String> submitted) {
    Field field = FORM.fields().stream().filter(f -> f.var().equals(var)).findFirst().orElse(null);
    if (field == null || field.type() != FormField.Type.boolean_type) {
      return List.copyOf(submitted);
    }
    return submitted.stream().map(v -> v.equals("1") || v.equals("true") ? "1" : "0").toList();
  }

  /** The configuration form (§8.2.1), filled with this configuration and the node's {@code children}. */
  public DataForm toForm(List<String> children) {
    Map<String, Object> shown = new LinkedHashMap<>(values);
    if (collection) {
      shown.put(CHILDREN, children);
    }
    return FORM.toDataForm(shown);
  }

  /** The configuration as a {@code submit} form, as the database stores it. */
  public String serialise() {
    return FORM.submit(values).getElement().asXML();
  }

  /** A stored configuration, on top of today's defaults (so that options added since have their default). */
  public static NodeConfig parse(String stored, PubSubLimits limits) {
    try {
      DataForm form = new DataForm(DocumentHelper.parseText(stored).getRootElement());
      Map<String, List<String>> values = new LinkedHashMap<>(defaults(false, limits).values);
      for (FormField field : form.getFields()) {
        if (values.containsKey(field.getVariable())) {
          values.put(field.getVariable(), List.copyOf(field.getValues()));
        }
      }
      return new NodeConfig(values);
    } catch (DocumentException | RuntimeException e) {
      throw new IllegalStateException("a stored node configuration does not parse: " + stored, e);
    }
  }

  /** Every option with its values, for the {@code pubsub#meta-data} form and for tests. */
  public Map<String, List<String>> values() {
    return values;
  }

  public boolean isCollection() {
    return collection;
  }

  public AccessModel accessModel() {
    return accessModel;
  }

  public PublishModel publishModel() {
    return publishModel;
  }

  /** {@code pubsub#max_items} as the service applies it: {@code max} is the service's most. */
  public int effectiveMaxItems(PubSubLimits limits) {
    return maxItems == MAX ? limits.maxItemsPerNode() : Math.min(maxItems, limits.maxItemsPerNode());
  }

  public boolean persistItems() {
    return persistItems;
  }

  public boolean deliverPayloads() {
    return deliverPayloads;
  }

  public boolean deliverNotifications() {
    return deliverNotifications;
  }

  public boolean notifyConfig() {
    return notifyConfig;
  }

  public boolean notifyDelete() {
    return notifyDelete;
  }

  public boolean notifyRetract() {
    return notifyRetract;
  }

  public boolean notifySub() {
    return notifySub;
  }

  public boolean sendLastOnSubscribe() {
    return sendLastOnSubscribe;
  }

  /** Seconds after which an item expires; 0 for never. */
  public long itemExpireSeconds() {
    return itemExpireSeconds;
  }

  /** The collection this node belongs to, if any. */
  public Optional<String> parent() {
    return Optional.ofNullable(parent);
  }

  /** Whether {@code pubsub#itemreply} is {@code publisher}: notifications then name each item's publisher. */
  public boolean replyToPublisher() {
    return replyToPublisher;
  }

  /** Whether notifications go in {@code headline} messages (else {@code normal}). */
  public boolean headline() {
    return headline;
  }

  public int maxPayloadSize() {
    return maxPayloadSize;
  }

  /** {@code pubsub#type}, the namespace a payload must have here, or empty for any. */
  public String payloadType() {
    return single(PAYLOAD_TYPE).strip();
  }

  /** {@code pubsub#title}, or empty. */
  public String title() {
    return single(TITLE);
  }

  private String single(String var) {
    return single(values, var);
  }

  private static String single(Map<String, List<String>> values, String var) {
    List<String> list = values.getOrDefault(var, List.of());
    return list.isEmpty() ? "" : list.get(0);
  }

  private boolean flag(String var) {
    return single(var).equals("1");
  }

  private static int parseIntOr(String text, int fallback) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeConfig config && config.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
