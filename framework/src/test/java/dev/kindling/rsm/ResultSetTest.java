package dev.kindling.rsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindling.handler.StanzaErrorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.PacketError;

class ResultSetTest {
  private static final int LIMIT = 50;
  /** Items "i01" … "i25": UIDs ordered as the set is, as a keyset store needs. */
  private static final List<String> ITEMS = IntStream.rangeClosed(1, 25).mapToObj(i -> String.format("i%02d", i))
      .toList();

  private static Element query(String set) throws DocumentException {
    return DocumentHelper.parseText("<query xmlns='jabber:iq:search'>"
        + (set == null ? "" : "<set xmlns='http://jabber.org/protocol/rsm'>" + set + "</set>") + "</query>")
        .getRootElement();
  }

  private static ResultSetRequest request(String set) throws DocumentException {
    return ResultSetRequest.from(query(set), LIMIT).orElseThrow();
  }

  private static ResultPage<String> page(String set) throws DocumentException {
    return request(set).page(ITEMS, Function.identity());
  }

  /** What a keyset store returns: rows past the UID in the query's order, at most fetchLimit(). */
  private static List<String> keyset(ResultSetRequest request) {
    List<String> rows = new ArrayList<>(ITEMS);
    if (request.isBackward()) {
      rows.sort(Comparator.reverseOrder());
      request.before().ifPresent(before -> rows.removeIf(id -> id.compareTo(before) >= 0));
    } else {
      request.after().ifPresent(after -> rows.removeIf(id -> id.compareTo(after) <= 0));
    }
    int skip = request.index().orElse(0);
    return rows.subList(Math.min(skip, rows.size()), Math.min(rows.size(), skip + request.fetchLimit()));
  }

  private static String xml(ResultPage<?> page) {
    return page.toElement().asXML();
  }

  @Test
  void firstPageHasFirstWithIndexLastAndCount() throws Exception {
    ResultPage<String> first = page("<max>10</max>");

    assertThat(first.items()).containsExactlyElementsOf(ITEMS.subList(0, 10));
    assertThat(xml(first)).isEqualTo("<set xmlns=\"http://jabber.org/protocol/rsm\"><first index=\"0\">i01</first>"
        + "<last>i10</last><count>25</count></set>");
    assertThat(first.reachedEnd()).isFalse();
  }

  @Test
  void pagingForwardsFollowsTheLastUidToAShortLastPage() throws Exception {
    ResultPage<String> third = page("<max>10</max><after>i20</after>");

    assertThat(third.items()).containsExactly("i21", "i22", "i23", "i24", "i25");
    assertThat(third.firstIndex()).hasValue(20);
    assertThat(third.reachedEnd()).isTrue();
  }

  @Test
  void pagingPastTheLastItemGivesAnEmptyPageWithTheCountOnly() throws Exception {
    ResultPage<String> empty = page("<max>10</max><after>i25</after>");

    assertThat(empty.items()).isEmpty();
    assertThat(empty.first()).isEmpty();
    assertThat(xml(empty)).isEqualTo("<set xmlns=\"http://jabber.org/protocol/rsm\"><count>25</count></set>");
  }

  @Test
  void pagingBackwardsTakesTheItemsJustBeforeTheUid() throws Exception {
    ResultPage<String> before = page("<max>10</max><before>i08</before>");

    assertThat(before.items()).containsExactly("i01", "i02", "i03", "i04", "i05", "i06", "i07");
    assertThat(before.firstIndex()).hasValue(0);
    assertThat(before.reachedEnd()).isTrue();
  }

  @Test
  void anEmptyBeforeAsksForTheLastPage() throws Exception {
    ResultSetRequest last = request("<max>10</max><before/>");

    assertThat(last.isLastPage()).isTrue();
    assertThat(last.before()).isEmpty();
    assertThat(xml(last.page(ITEMS, Function.identity()))).isEqualTo("<set xmlns=\"http://jabber.org/protocol/rsm\">"
        + "<first index=\"15\">i16</first><last>i25</last><count>25</count></set>");
  }

  @Test
  void anIndexJumpsToAPageOutOfOrderAndPastTheEndIsEmpty() throws Exception {
    assertThat(page("<max>5</max><index>10</index>").items()).containsExactly("i11", "i12", "i13", "i14", "i15");
    assertThat(xml(page("<max>5</max><index>40</index>")))
        .isEqualTo("<set xmlns=\"http://jabber.org/protocol/rsm\"><count>25</count></set>");
  }

  @Test
  void maxOfZeroReturnsTheCountOnly() throws Exception {
    assertThat(xml(page("<max>0</max>")))
        .isEqualTo("<set xmlns=\"http://jabber.org/protocol/rsm\"><count>25</count></set>");
  }

  @Test
  void maxIsCappedAtTheServicesLimitAndDefaultsToIt() throws Exception {
    assertThat(ResultSetRequest.from(query("<max>1000</max>"), 20).orElseThrow().max()).isEqualTo(20);
    assertThat(ResultSetRequest.from(query("<after>i03</after>"), 20).orElseThrow().max()).isEqualTo(20);
    assertThat(ResultSetRequest.from(query("<max>7</max>"), 20).orElseThrow().max()).isEqualTo(7);
    assertThat(ResultSetRequest.from(query(null), 20)).isEmpty();
    assertThat(ResultSetRequest.firstPage(3).page(ITEMS, Function.identity()).last()).contains("i03");
  }

  @Test
  void anUnknownAfterOrBeforeUidIsItemNotFound() {
    for (String set : List.of("<after>gone</after>", "<before>gone</before>")) {
      assertThatThrownBy(() -> page(set)).isInstanceOfSatisfying(StanzaErrorException.class, e -> {
        assertThat(e.condition()).isEqualTo(PacketError.Condition.item_not_found);
        assertThat(e).hasMessage("no item 'gone' in the result set");
      });
    }
  }

  @Test
  void malformedValuesAreBadRequests() {
    List<List<String>> cases = List.of(
        List.of("<max>ten</max>", "<max/> must be a whole number from 0 to 2147483647, not 'ten'"),
        List.of("<max>-1</max>", "<max/> must be a whole number from 0 to 2147483647, not '-1'"),
        List.of("<max>99999999999</max>", "<max/> must be a whole number from 0 to 2147483647, not '99999999999'"),
        List.of("<index>x</index>", "<index/> must be a whole number from 0 to 2147483647, not 'x'"),
        List.of("<after/>", "<after/> needs the UID of the item the page starts after (XEP-0059 §2.2)"),
        List.of("<after>a</after><before>b</before>", "a <set/> pages after an item or before one, not both"),
        List.of("<index>2</index><after>a</after>", "a <set/> pages from an <index/> or from an item's UID, not both"));
    for (List<String> wrong : cases) {
      assertThatThrownBy(() -> request(wrong.get(0))).isInstanceOfSatisfying(StanzaErrorException.class, e -> {
        assertThat(e.condition()).isEqualTo(PacketError.Condition.bad_request);
        assertThat(e).hasMessage(wrong.get(1));
      });
    }
  }

  @Test
  void aLimitBelowOneIsAProgrammingError() {
    assertThatThrownBy(() -> ResultSetRequest.from(query("<max>1</max>"), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be 1 or more, not 0");
  }

  @Test
  void keysetForwardKeepsMaxRowsAndKnowsMoreFollow() throws Exception {
    ResultSetRequest request = request("<max>10</max><after>i05</after>");

    ResultPage<String> page = request.keysetPage(keyset(request), Function.identity()).withCount(25)
        .withFirstIndex(5);

    assertThat(request.fetchLimit()).isEqualTo(11);
    assertThat(page.items()).containsExactlyElementsOf(ITEMS.subList(5, 15));
    assertThat(page.reachedEnd()).isFalse();
    assertThat(xml(page)).isEqualTo("<set xmlns=\"http://jabber.org/protocol/rsm\"><first index=\"5\">i06</first>"
        + "<last>i15</last><count>25</count></set>");
  }

  @Test
  void keysetBackwardReadsDescendingAndAnswersAscending() throws Exception {
    ResultSetRequest request = request("<max>3</max><before>i10</before>");

    ResultPage<String> page = request.keysetPage(keyset(request), Function.identity());

    assertThat(page.items()).containsExactly("i07", "i08", "i09");
    assertThat(page.firstIndex()).isEmpty();
    assertThat(xml(page)).isEqualTo("<set xmlns=\"http://jabber.org/protocol/rsm\"><first>i07</first>"
        + "<last>i09</last></set>");
  }

  @Test
  void keysetLastPageDerivesItsIndexFromTheCount() throws Exception {
    ResultSetRequest request = request("<max>10</max><before/>");

    ResultPage<String> page = request.keysetPage(keyset(request), Function.identity()).withCount(25);

    assertThat(page.items()).containsExactlyElementsOf(ITEMS.subList(15, 25));
    assertThat(page.firstIndex()).hasValue(15);
  }

  @Test
  void keysetFirstPageAndIndexPageKnowTheirIndexAndTheEnd() throws Exception {
    ResultSetRequest first = request("<max>30</max>");
    ResultSetRequest byIndex = request("<max>5</max><index>22</index>");

    ResultPage<String> all = first.keysetPage(keyset(first), Function.identity());
    ResultPage<String> tail = byIndex.keysetPage(keyset(byIndex), Function.identity());

    assertThat(all.items()).hasSize(25);
    assertThat(all.firstIndex()).hasValue(0);
    assertThat(all.reachedEnd()).isTrue();
    assertThat(tail.items()).containsExactly("i23", "i24", "i25");
    assertThat(tail.firstIndex()).hasValue(22);
  }

  @Test
  void keysetWithAnUnknownButOrderedUidStillPages() throws Exception {
    ResultSetRequest request = request("<max>2</max><after>i10x</after>");

    assertThat(request.keysetPage(keyset(request), Function.identity()).items()).containsExactly("i11", "i12");
  }

  @Test
  void keysetCountOnlyAndTooManyRows() throws Exception {
    ResultSetRequest countOnly = request("<max>0</max>");

    assertThat(xml(countOnly.keysetPage(List.of(), Function.identity()).withCount(25)))
        .isEqualTo("<set xmlns=\"http://jabber.org/protocol/rsm\"><count>25</count></set>");
    assertThatThrownBy(() -> request("<max>2</max>").keysetPage(ITEMS, Function.identity()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a keyset query reads at most fetchLimit() = 3 rows, not 25");
    assertThatThrownBy(() -> page("<max>5</max>").withCount(2))
        .hasMessage("count 2 is smaller than the page's 5 items");
  }
}
