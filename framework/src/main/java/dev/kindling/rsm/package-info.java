/**
 * XEP-0059 Result Set Management (version 1.0): read the {@code <set xmlns='http://jabber.org/protocol/rsm'/>} of
 * a query as a {@link dev.kindling.rsm.ResultSetRequest} (page size capped by the service), page an in-memory list
 * with it or hand its {@code after}/{@code before}/{@code max} to a keyset query in a store, and write the answer's
 * {@code <set/>} with {@code <first index='…'/>}, {@code <last/>} and {@code <count/>} from a
 * {@link dev.kindling.rsm.ResultPage}.
 */
package dev.kindling.rsm;
