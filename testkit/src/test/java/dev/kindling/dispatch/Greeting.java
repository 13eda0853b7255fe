package dev.kindling.dispatch;

import dev.kindling.handler.Payload;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** A typed payload for tests: {@code <greeting xmlns='urn:test:greeting' name='…'/>}. */
public record Greeting(String name) implements Payload {
  static final String NAMESPACE = "urn:test:greeting";

  public static Greeting from(Element element) {
    String name = element.attributeValue("name");
    if (name == null) {
      throw new IllegalArgumentException("a greeting needs a name");
    }
    return new Greeting(name);
  }

  @Override
  public Element toElement() {
    return DocumentHelper.createElement(QName.get("greeting", NAMESPACE)).addAttribute("name", name);
  }
}
