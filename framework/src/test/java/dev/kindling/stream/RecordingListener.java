package dev.kindling.stream;

import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;

/** Keeps what a parser reported, for assertions. */
final class RecordingListener implements StreamListener {
  final List<StreamHeader> headers = new ArrayList<>();
  final List<Element> elements = new ArrayList<>();
  boolean closed;

  @Override
  public void streamOpened(StreamHeader header) {
    headers.add(header);
  }

  @Override
  public void elementReceived(Element element) {
    elements.add(element);
  }

  @Override
  public void streamClosed() {
    closed = true;
  }

  List<String> xml() {
    return elements.stream().map(Element::asXML).toList();
  }
}
