/**
 * The XML stream of an XMPP connection: an incremental, non-blocking reader that cuts the never-ending
 * inbound document into stanzas, a writer for the outbound side, and stream errors.
 *
 * <p>Implements the stream rules of RFC 6120 §4 (streams, §4.9 stream errors) and §11 (restricted XML: no
 * DTD, comments, processing instructions or entity declarations), as used by XEP-0114 1.6 (Jabber
 * Component Protocol).
 */
package dev.kindling.stream;
