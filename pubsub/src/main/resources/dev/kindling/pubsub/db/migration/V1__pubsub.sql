-- The PubSub service's state (XEP-0060): nodes with their configuration, affiliations, subscriptions and items.
-- Written for both H2 (in PostgreSQL mode) and PostgreSQL. The service holds nodes, affiliations and
-- subscriptions in memory and loads them at start; the queries that run per request are on items, by node and
-- publication order (pubsub_item_order) or by id (the primary key). Ids are at most 256 characters, which the
-- service checks, so that every key fits a PostgreSQL index entry.

CREATE TABLE pubsub_node (
  node_id     VARCHAR(256)  PRIMARY KEY,
  creator     VARCHAR(3071) NOT NULL,
  created_at  BIGINT        NOT NULL, -- epoch milliseconds
  -- the node configuration as a jabber:x:data submission, so that a new option needs no migration
  config      TEXT          NOT NULL
);

CREATE TABLE pubsub_affiliation (
  node_id     VARCHAR(256)  NOT NULL REFERENCES pubsub_node (node_id) ON DELETE CASCADE,
  jid         VARCHAR(3071) NOT NULL,
  affiliation VARCHAR(16)   NOT NULL,
  PRIMARY KEY (node_id, jid)
);

CREATE TABLE pubsub_subscription (
  node_id     VARCHAR(256)  NOT NULL REFERENCES pubsub_node (node_id) ON DELETE CASCADE,
  subid       VARCHAR(64)   NOT NULL,
  jid         VARCHAR(3071) NOT NULL,
  state       VARCHAR(16)   NOT NULL,
  -- the subscription options as a jabber:x:data submission
  options     TEXT          NOT NULL,
  PRIMARY KEY (node_id, subid)
);

CREATE SEQUENCE pubsub_item_seq;

CREATE TABLE pubsub_item (
  node_id      VARCHAR(256)  NOT NULL REFERENCES pubsub_node (node_id) ON DELETE CASCADE,
  item_id      VARCHAR(256)  NOT NULL,
  publisher    VARCHAR(3071) NOT NULL,
  published_at BIGINT        NOT NULL, -- epoch milliseconds
  -- publication order within the node: a republished id moves to the end
  seq          BIGINT        NOT NULL,
  payload      TEXT,
  PRIMARY KEY (node_id, item_id)
);
CREATE INDEX pubsub_item_order ON pubsub_item (node_id, seq);
