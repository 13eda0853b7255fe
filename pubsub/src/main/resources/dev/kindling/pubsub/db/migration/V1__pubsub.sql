-- The PubSub service's state (XEP-0060): nodes with their configuration, affiliations, subscriptions and items.
-- Written for both H2 (in PostgreSQL mode) and PostgreSQL.

CREATE TABLE pubsub_node (
  node_id     VARCHAR(1024) PRIMARY KEY,
  node_type   VARCHAR(16)   NOT NULL,
  parent_id   VARCHAR(1024),
  creator     VARCHAR(3071) NOT NULL,
  created_at  BIGINT        NOT NULL, -- epoch milliseconds
  -- the node configuration as 'pubsub#field=value' lines, so that a new option needs no migration
  config      TEXT          NOT NULL
);
CREATE INDEX pubsub_node_parent ON pubsub_node (parent_id);
CREATE INDEX pubsub_node_creator ON pubsub_node (creator);

CREATE TABLE pubsub_affiliation (
  node_id     VARCHAR(1024) NOT NULL REFERENCES pubsub_node (node_id) ON DELETE CASCADE,
  jid         VARCHAR(3071) NOT NULL,
  affiliation VARCHAR(16)   NOT NULL,
  PRIMARY KEY (node_id, jid)
);
CREATE INDEX pubsub_affiliation_jid ON pubsub_affiliation (jid);

CREATE TABLE pubsub_subscription (
  node_id     VARCHAR(1024) NOT NULL REFERENCES pubsub_node (node_id) ON DELETE CASCADE,
  subid       VARCHAR(64)   NOT NULL,
  jid         VARCHAR(3071) NOT NULL,
  state       VARCHAR(16)   NOT NULL,
  -- the subscription options as 'pubsub#field=value' lines
  options     TEXT          NOT NULL,
  PRIMARY KEY (node_id, subid)
);
CREATE INDEX pubsub_subscription_jid ON pubsub_subscription (jid);

CREATE SEQUENCE pubsub_item_seq;

CREATE TABLE pubsub_item (
  node_id      VARCHAR(1024) NOT NULL REFERENCES pubsub_node (node_id) ON DELETE CASCADE,
  item_id      VARCHAR(1024) NOT NULL,
  publisher    VARCHAR(3071) NOT NULL,
  published_at BIGINT        NOT NULL, -- epoch milliseconds
  -- publication order within the node: a republished id moves to the end
  seq          BIGINT        NOT NULL,
  payload      TEXT,
  PRIMARY KEY (node_id, item_id)
);
CREATE INDEX pubsub_item_order ON pubsub_item (node_id, seq);
