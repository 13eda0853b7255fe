package dev.kindling.rsm;

import dev.kindling.handler.StanzaErrorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

/**
 * Which page of a result set a requester asks for (XEP-0059 §2): at most {@link #max()} items, after or before an
 * item's UID, the last page ({@code <before/>}, §2.5) or from an index (§2.6). Immutable.
 *
 * <pre>{@code
 * // in memory
 * ResultSetRequest request = ResultSetRequest.from(query, 100).orElse(ResultSetRequest.firstPage(100));
 * ResultPage<Item> page = request.page(items, Item::id);         // item-not-found for an unknown after/before
 * page.items().forEach(item -> answer.add(item.toElement()));
 * answer.add(page.toElement());
 *
 * // keyset, in a store: forward:  WHERE id > :after ORDER BY id ASC  LIMIT :fetchLimit
 * //                     backward: WHERE id < :before ORDER BY id DESC LIMIT :fetchLimit
 * ResultPage<Item> fetched = request.keysetPage(rows, Item::id).withCount(total);
 * }</pre>
 */
public final class ResultSetRequest {
  /** The XEP-0059 namespace. */
  public static final String NAMESPACE = "http://jabber.org/protocol/rsm";

  private final int max;
  private final String after;
  private final String before;
  private final Integer index;

  private ResultSetRequest(int max, String after, String before, Integer index) {
    this.max = max;
    this.after = after;
    this.before = before;
    this.index = index;
  }

  /**
   * The first page of at most {@code max} items: what a service answers a query without {@code <set/>} with,
   * when it limits the result on its own (XEP-0059 §1).
   *
   * @throws IllegalArgumentException if {@code max} is negative
   */
  public static ResultSetRequest firstPage(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must be 0 or more, not " + max);
    }
    return new ResultSetRequest(max, null, null, null);
  }

  /**
   * Reads the {@code <set/>} child of {@code query}. A {@code <max/>} over {@code limit}, or none, reads as
   * {@code limit}: a service never sends more than it chose to (§2.1).
   *
   * @param query the element that may hold the {@code <set/>}, such as a disco#items {@code <query/>} or a
   *     PubSub {@code <pubsub/>}
   * @param limit the most items a page may have, 1 or more
   * @return empty if {@code query} has no {@code <set/>}
   * @throws StanzaErrorException {@code bad-request} if {@code max} or {@code index} is not a whole number from
   *     0, {@code <after/>} is empty, or the set mixes {@code after}, {@code before} and {@code index}
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  public static Optional<ResultSetRequest> from(Element query, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, not " + limit);
    }
    Element set = query.element(QName.get("set", NAMESPACE));
    if (set == null) {
      return Optional.empty();
    }
    Integer max = number(set, "max");
    String after = set.elementText("after");
    String before = set.elementText("before");
    Integer index = number(set, "index");
    if (after != null && after.isEmpty()) {
      throw badRequest("<after/> needs the UID of the item the page starts after (XEP-0059 §2.2)");
    }
    if (after != null && before != null) {
      throw badRequest("a <set/> pages after an item or before one, not both");
    }
    if (index != null && (after != null || before != null)) {
      throw badRequest("a <set/> pages from an <index/> or from an item's UID, not both");
    }
    return Optional.of(new ResultSetRequest(max == null ? limit : Math.min(max, limit), after, before, index));
  }

  private static Integer number(Element set, String name) {
    String text = set.elementTextTrim(name);
    if (text == null) {
      return null;
    }
    if (!text.matches("\\d{1,10}") || Long.parseLong(text) > Integer.MAX_VALUE) {
      throw badRequest("<" + name + "/> must be a whole number from 0 to " + Integer.MAX_VALUE + ", not '" + text
          + "'");
    }
    return Integer.valueOf(text);
  }

  private static StanzaErrorException badRequest(String text) {
    return new StanzaErrorException(PacketError.Condition.bad_request, text);
  }

  /**
   * The {@code item-not-found} error XEP-0059 §2.4 prescribes when the item named by {@code after} or
   * {@code before} is gone and its UID alone cannot place the page; a keyset store whose UIDs are ordered does
   * not need it.
   */
  public static StanzaErrorException pageNotFound(String id) {
    return new StanzaErrorException(PacketError.Condition.item_not_found, "no item '" + id + "' in the result set");
  }

  /** The most items the page may hold, already capped at the service's limit; 0 asks for the count only (§2.7). */
  public int max() {
    return max;
  }

  /** The UID the page starts after (§2.2), if given. */
  public Optional<String> after() {
    return Optional.ofNullable(after);
  }

  /** The UID the page ends before (§2.3), if given; empty for the last page, see {@link #isLastPage()}. */
  public Optional<String> before() {
    return before == null || before.isEmpty() ? Optional.empty() : Optional.of(before);
  }

  /** Whether the last page is asked for, with an empty {@code <before/>} (§2.5). */
  public boolean isLastPage() {
    return before != null && before.isEmpty();
  }

  /** The index in the whole result set of the page's first item (§2.6), if given. */
  public OptionalInt index() {
    return index == null ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /**
   * Whether the page is counted back from its end: with {@code before}, a UID or empty. A keyset query then
   * reads in descending order, nearest to the UID first.
   */
  public boolean isBackward() {
    return before != null;
  }

  /**
   * How many rows a keyset query reads: {@code max() + 1}, the extra one telling whether more lie beyond the page.
   * With {@code max() == 0} there is nothing to read; count only.
   */
  public int fetchLimit() {
    return max + 1;
  }

  /**
   * This page of {@code all}, the whole result set in its order, with its count and the index of its first item.
   * Past the end, the page is empty (§2.2).
   *
   * @param id the UID of an item, unique in {@code all}
   * @throws StanzaErrorException {@code item-not-found} if no item of {@code all} has the {@code after} or
   *     {@code before} UID (§2.4)
   */
  public <T> ResultPage<T> page(List<T> all, Function<? super T, String> id) {
    int count = all.size();
    int start;
    int end;
    if (index != null) {
      start = Math.min(index, count);
      end = Math.min(count, start + max);
    } else if (after != null) {
      start = position(all, id, after) + 1;
      end = Math.min(count, start + max);
    } else if (before != null) {
      end = before.isEmpty() ? count : position(all, id, before);
      start = Math.max(0, end - max);
    } else {
      start = 0;
      end = Math.min(count, max);
    }
    boolean reachedEnd = isBackward() ? start == 0 : end == count;
    return new ResultPage<>(List.copyOf(all.subList(start, end)), id, start, count, false, reachedEnd);
  }

  private static <T> int position(List<T> all, Function<? super T, String> id, String wanted) {
    for (int i = 0; i < all.size(); i++) {
      if (wanted.equals(id.apply(all.get(i)))) {
        return i;
      }
    }
    throw pageNotFound(wanted);
  }

  /**
   * The page made of what a keyset query read for this request: at most {@link #fetchLimit()} rows, in the
   * query's order (ascending when forward; descending, nearest to {@code before} first, when
   * {@link #isBackward()}). The page keeps {@link #max()} of them in ascending order; it knows its first item's
   * index only when that follows from the request (an {@code index}, or the first page), and no count: add them
   * with {@link ResultPage#withCount} and {@link ResultPage#withFirstIndex} when the store has them.
   *
   * @throws IllegalArgumentException if {@code fetched} has more than {@link #fetchLimit()} rows, the mark of a
   *     query without its {@code LIMIT}
   */
  public <T> ResultPage<T> keysetPage(List<T> fetched, Function<? super T, String> id) {
    if (fetched.size() > fetchLimit()) {
      throw new IllegalArgumentException("a keyset query reads at most fetchLimit() = " + fetchLimit()
          + " rows, not " + fetched.size());
    }
    List<T> kept = new ArrayList<>(fetched.subList(0, Math.min(max, fetched.size())));
    if (isBackward()) {
      Collections.reverse(kept);
    }
    Integer firstIndex = index != null ? index : after == null && before == null ? Integer.valueOf(0) : null;
    return new ResultPage<>(List.copyOf(kept), id, firstIndex, null, isLastPage(), fetched.size() <= max);
  }

  @Override
  public String toString() {
    return "ResultSetRequest[max=" + max + (after != null ? ", after=" + after : "")
        + (before != null ? ", before=" + before : "") + (index != null ? ", index=" + index : "") + "]";
  }
}
