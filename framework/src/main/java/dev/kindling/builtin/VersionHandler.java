package dev.kindling.builtin;

import dev.kindling.handler.IqHandler;
import jakarta.inject.Inject;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;

/** Answers XEP-0092 software version requests. */
public final class VersionHandler {
  /** The software version namespace. */
  public static final String NAMESPACE = "jabber:iq:version";

  private final SoftwareVersion version;

  @Inject
  VersionHandler(SoftwareVersion version) {
    this.version = version;
  }

  @IqHandler(element = "query", namespace = NAMESPACE)
  Element version() {
    Element query = DocumentHelper.createElement(org.dom4j.QName.get("query", NAMESPACE));
    query.addElement("name").setText(version.name());
    query.addElement("version").setText(version.version());
    if (version.os() != null) {
      query.addElement("os").setText(version.os());
    }
    return query;
  }
}
