/**
 * The PubSub service at work: the handlers of XEP-0060's requests, who may do what, notifications, service
 * discovery, and the nodes held in memory over the database. Written with Kindling's public API only.
 */
package dev.kindling.pubsub.service;
