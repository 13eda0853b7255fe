/**
 * XEP-0030 Service Discovery (version 2.5) answered from what the component's handlers declare, with XEP-0128
 * extended information: identities from {@link dev.kindling.handler.Identity}, features from every handled
 * namespace, and {@link dev.kindling.disco.DiscoProvider} hooks for items and nodes. No feature list is written
 * by hand, so none can drift from what the component handles.
 */
package dev.kindling.disco;
