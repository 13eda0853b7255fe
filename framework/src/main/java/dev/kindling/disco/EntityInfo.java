package dev.kindling.disco;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.xmpp.forms.DataForm;

/**
 * What disco#info answers for an entity or one of its nodes (XEP-0030 §3): identities, features, and XEP-0128
 * extended information (result forms with a {@code FORM_TYPE}, such as XEP-0060 §5.4's node meta-data).
 *
 * @param identities the identities
 * @param features the features
 * @param forms the extended information forms
 */
public record EntityInfo(List<DiscoIdentity> identities, List<String> features, List<DataForm> forms) {
  /** Copies the lists. */
  public EntityInfo {
    identities = List.copyOf(identities);
    features = List.copyOf(features);
    forms = List.copyOf(forms);
  }

  /** Identities and features, no extended information. */
  public EntityInfo(List<DiscoIdentity> identities, List<String> features) {
    this(identities, features, List.of());
  }

  /**
   * Everything in this and {@code other}: identities and features once each (features sorted, as answers list
   * them), forms in order.
   */
  public EntityInfo merge(EntityInfo other) {
    Set<DiscoIdentity> allIdentities = new LinkedHashSet<>(identities);
    allIdentities.addAll(other.identities);
    Set<String> allFeatures = new TreeSet<>(features);
    allFeatures.addAll(other.features);
    List<DataForm> allForms = new ArrayList<>(forms);
    allForms.addAll(other.forms);
    return new EntityInfo(List.copyOf(allIdentities), List.copyOf(allFeatures), allForms);
  }
}
