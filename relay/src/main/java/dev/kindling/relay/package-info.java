/**
 * The file-transfer relay (work in progress, issue 12): a SOCKS5 bytestreams proxy (XEP-0065) as a Kindling
 * component. {@link dev.kindling.relay.RelayModule} declares it; {@link dev.kindling.relay.RelayKeys} lists its
 * configuration.
 */
package dev.kindling.relay;
