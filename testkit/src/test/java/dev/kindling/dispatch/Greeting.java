package dev.kindling.dispatch;

import dev.kindling.handler.Payload;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** A typed payload for tests: {@code <greeting xmlns='urn:test:greeting' name='…'/>}. */
public record Greeting(String name) implements Payload {
  static final String NAMESPACE = "urn:test:greeting";

  public static Greeting from(Element element) {
    return new Greeting(element.attributeValue("name"));
  }

  @Override
  public Element toElement() {
    return DocumentHelper.createElement(QName.get("greeting", NAMESPACE)).addAttribute("name", name);
  }
}
