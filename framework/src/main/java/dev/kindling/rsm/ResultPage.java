package dev.kindling.rsm;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * One page of a result set and the {@code <set/>} that describes it in the answer (XEP-0059 §2): the UIDs of its
 * first and last items, the index of the first in the whole set, and the set's size. Made by
 * {@link ResultSetRequest#page} or {@link ResultSetRequest#keysetPage}. Immutable.
 *
 * @param <T> the items
 */
public final class ResultPage<T> {
  private final List<T> items;
  private final String first;
  private final String last;
  private final Integer firstIndex;
  private final Integer count;
  private final boolean fromEnd;
  private final boolean reachedEnd;

  ResultPage(List<T> items, Function<? super T, String> id, Integer firstIndex, Integer count, boolean fromEnd,
      boolean reachedEnd) {
    this(items, items.isEmpty() ? null : id.apply(items.get(0)),
        items.isEmpty() ? null : id.apply(items.get(items.size() - 1)), firstIndex, count, fromEnd, reachedEnd);
  }

  private ResultPage(List<T> items, String first, String last, Integer firstIndex, Integer count, boolean fromEnd,
      boolean reachedEnd) {
    this.items = items;
    this.first = first;
    this.last = last;
    this.firstIndex = firstIndex;
    this.count = count;
    this.fromEnd = fromEnd;
    this.reachedEnd = reachedEnd;
  }

  /** The items of the page, in the result set's order. */
  public List<T> items() {
    return items;
  }

  /** The UID of the page's first item; empty for an empty page. */
  public Optional<String> first() {
    return Optional.ofNullable(first);
  }

  /** The UID of the page's last item, for the next request's {@code <after/>}; empty for an empty page. */
  public Optional<String> last() {
    return Optional.ofNullable(last);
  }

  /**
   * The index of the page's first item in the whole result set, when known: given, derived from the request,
   * or, for the last page, from the count.
   */
  public OptionalInt firstIndex() {
    if (firstIndex != null) {
      return OptionalInt.of(firstIndex);
    }
    return fromEnd && count != null ? OptionalInt.of(count - items.size()) : OptionalInt.empty();
  }

  /** The number of items in the whole result set, when known. */
  public OptionalInt count() {
    return count == null ? OptionalInt.empty() : OptionalInt.of(count);
  }

  /**
   * Whether nothing lies beyond this page in the direction it was asked for: after it when paging forwards,
   * before it when paging backwards (as XEP-0313's {@code complete} needs).
   */
  public boolean reachedEnd() {
    return reachedEnd;
  }

  /**
   * This page with the size of the whole result set, which XEP-0059 §2.1 asks for unless it is too costly.
   *
   * @throws IllegalArgumentException if {@code total} is smaller than the page
   */
  public ResultPage<T> withCount(int total) {
    if (total < items.size()) {
      throw new IllegalArgumentException("count " + total + " is smaller than the page's " + items.size() + " items");
    }
    return new ResultPage<>(items, first, last, firstIndex, total, fromEnd, reachedEnd);
  }

  /**
   * This page with the index of its first item in the whole result set.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public ResultPage<T> withFirstIndex(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be 0 or more, not " + index);
    }
    return new ResultPage<>(items, first, last, index, count, fromEnd, reachedEnd);
  }

  /**
   * The answer's {@code <set xmlns='http://jabber.org/protocol/rsm'/>}: {@code <first index='…'/>} and
   * {@code <last/>} for a page with items, then {@code <count/>} when known. An empty page, or the answer to a
   * {@code max} of 0, has the count only (§2.2, §2.7).
   */
  public Element toElement() {
    Element set = DocumentHelper.createElement(QName.get("set", ResultSetRequest.NAMESPACE));
    if (first != null) {
      Element firstElement = set.addElement("first");
      firstIndex().ifPresent(index -> firstElement.addAttribute("index", Integer.toString(index)));
      firstElement.setText(first);
      set.addElement("last").setText(last);
    }
    count().ifPresent(total -> set.addElement("count").setText(Integer.toString(total)));
    return set;
  }

  @Override
  public String toString() {
    return "ResultPage[" + items.size() + " items, first=" + first + ", last=" + last + ", index=" + firstIndex()
        + ", count=" + count() + "]";
  }
}
