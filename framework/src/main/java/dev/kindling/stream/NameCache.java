package dev.kindling.stream;

import java.util.HashMap;
import java.util.Map;
import org.dom4j.Namespace;
import org.dom4j.QName;

/**
 * The element and attribute names one parser has built, reused: dom4j checks every new {@link QName} and
 * {@link Namespace} against regular expressions, which costs more than the rest of parsing a small stanza.
 *
 * <p>Bounded: past {@value #MAX_NAMES} names it starts afresh, so a peer inventing names cannot grow it (dom4j's
 * own JVM-wide caches, which {@code QName.get} and {@code Namespace.get} use, never shrink). One parser, one
 * thread: not thread-safe.
 */
final class NameCache {
  private static final int MAX_NAMES = 1024;

  /** A namespace (URI and prefix) and the names built in it. */
  private static final class Scope {
    final Namespace namespace;
    final Map<String, QName> names = new HashMap<>();

    Scope(Namespace namespace) {
      this.namespace = namespace;
    }
  }

  /** Scopes by namespace URI, then prefix. */
  private final Map<String, Map<String, Scope>> scopes = new HashMap<>();
  private int size;

  /** The name {@code local} in {@code uri} with {@code prefix}; {@code uri} empty for no namespace. */
  QName get(String local, String prefix, String uri) {
    Scope scope = scope(prefix, uri);
    QName name = scope.names.get(local);
    if (name == null) {
      name = new QName(local, scope.namespace);
      scope.names.put(local, name);
      size++;
    }
    return name;
  }

  /** The namespace declaration {@code prefix} → {@code uri}. */
  Namespace namespace(String prefix, String uri) {
    return scope(prefix, uri).namespace;
  }

  private Scope scope(String prefix, String uri) {
    if (size >= MAX_NAMES) {
      scopes.clear();
      size = 0;
    }
    String safePrefix = uri.isEmpty() || prefix == null ? "" : prefix;
    Map<String, Scope> byPrefix = scopes.computeIfAbsent(uri, u -> new HashMap<>());
    Scope scope = byPrefix.get(safePrefix);
    if (scope == null) {
      scope = new Scope(uri.isEmpty() ? Namespace.NO_NAMESPACE : new Namespace(safePrefix, uri));
      byPrefix.put(safePrefix, scope);
      size++;
    }
    return scope;
  }
}
