package dev.kindling.pubsub.service;

import dev.kindling.inject.KindlingConfig;
import dev.kindling.lifecycle.ComponentService;
import dev.kindling.pubsub.PubSubKeys;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.PubSubErrors;
import dev.kindling.pubsub.model.PubSubLimits;
import dev.kindling.pubsub.store.ClusterListener;
import dev.kindling.pubsub.store.PubSubDatabase;
import dev.kindling.pubsub.store.PubSubStore;
import dev.kindling.handler.StanzaErrorException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PubSub service's state: the database, opened and migrated when the component starts and closed after its
 * last request is answered, and every node held in memory, loaded from it at start. Handlers find nodes here; a
 * node is changed under its own monitor and saved through the store before the change is answered.
 *
 * <p>Also counts what the limits bound: nodes per creator, subscriptions per bare JID.
 */
@Singleton
public final class PubSubService implements ComponentService {
  private static final Logger LOG = LoggerFactory.getLogger(PubSubService.class);
  private static final Duration EXPIRY_SWEEP = Duration.ofSeconds(30);
  /** Nodes swept per round at most, so that the sweep takes a small share of the write queue. */
  private static final int EXPIRY_SWEEP_NODES = 1000;

  private final KindlingConfig config;
  private final PubSubLimits limits;
  private volatile Map<String, Node> nodes = new ConcurrentHashMap<>();
  private volatile Map<String, AtomicInteger> nodesByCreator = new ConcurrentHashMap<>();
  private volatile Holdings holdings = new Holdings();
  /** Held while nodes are replaced by the database's, so that two reloads of one node do not both add it. */
  private final Object reloads = new Object();
  private final Set<String> reloadsDue = ConcurrentHashMap.newKeySet();
  private ExecutorService readers;
  private PubSubDatabase database;
  private PubSubStore store;
  private ClusterListener cluster;
  private ScheduledExecutorService sweeper;

  @Inject
  PubSubService(KindlingConfig config) {
    this.config = config;
    this.limits = new PubSubLimits(config.get(PubSubKeys.MAX_PAYLOAD_BYTES), config.get(PubSubKeys.MAX_ITEMS),
        config.get(PubSubKeys.DEFAULT_MAX_ITEMS), config.get(PubSubKeys.MAX_NODES_PER_OWNER),
        config.get(PubSubKeys.MAX_SUBSCRIPTIONS_PER_JID), config.get(PubSubKeys.REQUESTS_PER_SECOND));
  }

  @Override
  public synchronized void start() throws SQLException {
    String url = config.get(PubSubKeys.DATABASE_URL);
    if (url.isEmpty()) {
      Path file = config.dataDirectory().resolve("pubsub").resolve("pubsub");
      url = PubSubDatabase.h2Url(file);
    }
    String user = config.get(PubSubKeys.DATABASE_USER);
    String password = config.get(PubSubKeys.DATABASE_PASSWORD);
    user = user.isEmpty() ? null : user;
    password = password.isEmpty() ? null : password;
    database = PubSubDatabase.open(url, user, password, config.get(PubSubKeys.DATABASE_POOL));
    store = new PubSubStore(database, config.get(PubSubKeys.WRITE_QUEUE), limits);
    if (database.isPostgres()) {
      cluster = new ClusterListener(url, user, password, store.instance(), this::reload, this::reloadAll);
    }
    readers = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "kindling-pubsub-reads");
      thread.setDaemon(true);
      return thread;
    });
    reloadAll();
    sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "kindling-pubsub-expiry");
      thread.setDaemon(true);
      return thread;
    });
    sweeper.scheduleWithFixedDelay(this::removeExpiredItems, EXPIRY_SWEEP.toSeconds(), EXPIRY_SWEEP.toSeconds(),
        TimeUnit.SECONDS);
    LOG.info("PubSub: {} nodes loaded from {}", nodes.size(), url.replaceAll("password=[^;&]*", "password=…"));
  }

  /**
   * Deletes the items of nodes with {@code pubsub#item_expire} once they are older: requests already leave them
   * out ({@link Retrieval#notBefore}); this frees their rows. Runs every 30 s; public so that a test or an
   * operator's tool can run it at once.
   */
  public void removeExpiredItems() {
    int queued = 0;
    for (Node node : nodes.values()) {
      long expire = node.config().itemExpireSeconds();
      if (expire > 0 && node.itemCount() > 0 && queued++ < EXPIRY_SWEEP_NODES) {
        store.expire(node.id(), System.currentTimeMillis() - expire * 1000).thenAccept(count -> {
          synchronized (node) {
            node.setItemCount(count);
          }
        });
      }
    }
  }

  /** Replaces every node with the database's: the maps are built aside, then swapped in. */
  private void reloadAll() {
    synchronized (reloads) {
      try {
        Map<String, Node> loaded = store.loadNodes();
        Map<String, Node> newNodes = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> newCreators = new ConcurrentHashMap<>();
        Holdings newHoldings = new Holdings();
        for (Node node : loaded.values()) {
          newNodes.put(node.id(), node);
          newCreators.computeIfAbsent(node.creator().toBareJID(), jid -> new AtomicInteger()).incrementAndGet();
          newHoldings.count(node, 1);
        }
        Map<String, Node> old = nodes;
        nodesByCreator = newCreators;
        holdings = newHoldings;
        nodes = newNodes;
        for (Node stale : old.values()) {
          stale.markReplaced();
          synchronized (stale) {
            stale.markDetached();
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("cannot load the PubSub nodes", e);
      }
    }
  }

  /**
   * Replaces the node {@code id} with the database's: after another instance changed it, after a write to it
   * failed (memory had the change, the database not), or after a request changed a node already replaced.
   */
  void reload(String id) {
    synchronized (reloads) {
      try {
        Node old = nodes.get(id);
        if (old != null) {
          // marked before the database is read: a write to the old node committed after this point asks for
          // another reload (see guard), one committed before it is in what is read now
          old.markReplaced();
        }
        Optional<Node> loaded = store.loadNode(id);
        if (old != null) {
          synchronized (old) {
            // a change a request makes to the old node from now on is not counted: the reload it asks for is
            count(old, -1);
            old.markDetached();
          }
        }
        if (loaded.isPresent()) {
          // counted before anyone can reach it, then replaced in one step: a request meanwhile finds the old node
          // or the new, never none
          count(loaded.get(), 1);
          nodes.put(id, loaded.get());
        } else if (old != null) {
          nodes.remove(id, old);
        }
      } catch (SQLException e) {
        LOG.warn("PubSub: cannot reload node {} from the database: {}", id, e.toString());
      }
    }
  }

  /**
   * Adds {@code sign} (1 or -1) for the node to its creator's count and for its subscriptions and affiliations to
   * their JIDs' holdings.
   */
  private void count(Node node, int sign) {
    nodesByCreator.computeIfAbsent(node.creator().toBareJID(), jid -> new AtomicInteger()).addAndGet(sign);
    holdings.count(node, sign);
  }

  /**
   * {@code write}, a change already made to {@code node} in memory, with what keeps memory true to the database:
   * if it fails, the node is reloaded from the database, which never had the change; if the node was replaced
   * meanwhile (reloaded after another instance's change), it is reloaded again once this write is in.
   */
  public <T> CompletableFuture<T> guard(Node node, CompletableFuture<T> write) {
    return write.whenComplete((done, failure) -> {
      if (failure != null || node.isReplaced()) {
        reloadSoon(node.id());
      }
    });
  }

  /** Reloads a node on a reader thread, once however many writes to it asked for it meanwhile. */
  private void reloadSoon(String id) {
    if (reloadsDue.add(id)) {
      readers.execute(() -> {
        reloadsDue.remove(id);
        reload(id);
      });
    }
  }

  /** Threads for reads that follow a change (the last item sent on subscription), off the handler threads. */
  public Executor readers() {
    return command -> readers.execute(command);
  }

  @Override
  public synchronized void stop() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
    if (readers != null) {
      readers.shutdown();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  public PubSubStore store() {
    return store;
  }

  public PubSubLimits limits() {
    return limits;
  }

  /** The node {@code id}, or {@code item-not-found}. */
  public Node require(String id) throws StanzaErrorException {
    if (id == null || id.isEmpty()) {
      throw PubSubErrors.nodeIdRequired();
    }
    Node node = lookup(id);
    if (node == null || node.isDeleted()) {
      throw PubSubErrors.noSuchNode(id);
    }
    return node;
  }

  /**
   * The node {@code id} as a request should see it, or {@code null}: with other instances on the same PostgreSQL,
   * one missing here is looked for in the database, since another instance may have created it an instant ago
   * and its announcement not arrived yet (a client creating a node through one instance, then asking about it
   * through the other, would otherwise be told it does not exist). A node being deleted stays here, marked
   * deleted, until its deletion is committed, so that it is not found again in the database meanwhile.
   */
  public Node lookup(String id) {
    Node node = id == null ? null : nodes.get(id);
    if (node == null && id != null && cluster != null) {
      reload(id);
      node = nodes.get(id);
    }
    return node;
  }

  /** The node {@code id}, or {@code null}. */
  public Node find(String id) {
    return id == null ? null : nodes.get(id);
  }

  /** Adds a node; {@code false} if one of that id exists. */
  public boolean add(Node node) {
    if (nodes.putIfAbsent(node.id(), node) != null) {
      return false;
    }
    count(node, 1);
    return true;
  }

  /** Removes a node. */
  public void remove(Node node) {
    if (nodes.remove(node.id(), node)) {
      count(node, -1);
    }
  }

  /** How many nodes {@code bareJid} created. */
  public int nodesCreatedBy(String bareJid) {
    AtomicInteger count = nodesByCreator.get(bareJid);
    return count == null ? 0 : count.get();
  }

  /**
   * Adds {@code delta} to the subscriptions {@code bareJid} holds, one of them (if added) to {@code node}; called
   * holding the node's monitor.
   */
  public void countSubscription(String bareJid, Node node, int delta) {
    if (!node.isDetached()) {
      holdings.subscriptions(bareJid, node, delta);
    }
  }

  /** {@code bareJid} now holds an affiliation to {@code node}; called holding the node's monitor. */
  public void countAffiliation(String bareJid, Node node) {
    if (!node.isDetached()) {
      holdings.affiliation(bareJid, node);
    }
  }

  /** How many subscriptions {@code bareJid} holds across the service. */
  public int subscriptionsHeldBy(String bareJid) {
    return holdings.subscriptionCount(bareJid);
  }

  /**
   * The nodes where {@code bareJid} holds a subscription or an affiliation, and perhaps a few where it no longer
   * does: the caller checks each, and {@link #holdsNothing} those.
   */
  public List<Node> nodesHeldBy(String bareJid) {
    List<Node> held = new ArrayList<>();
    for (Node node : holdings.nodes(bareJid)) {
      if (nodes.get(node.id()) == node && !node.isDeleted()) {
        held.add(node);
      } else if (node.isReplaced() || node.isDeleted()) {
        holdings.forget(bareJid, node);
      }
    }
    held.sort(Comparator.comparing(Node::id));
    return held;
  }

  /** {@code bareJid} holds nothing at {@code node} any more; called holding the node's monitor. */
  public void holdsNothing(String bareJid, Node node) {
    holdings.forget(bareJid, node);
  }

  /** The nodes in no collection, by id. */
  public List<Node> topLevel() {
    List<Node> top = new ArrayList<>();
    for (Node node : nodes.values()) {
      if (node.config().parent().isEmpty() && !node.isDeleted()) {
        top.add(node);
      }
    }
    top.sort(Comparator.comparing(Node::id));
    return top;
  }

  /** The nodes whose collection is {@code parentId}, by id. */
  public List<Node> children(String parentId) {
    List<Node> children = new ArrayList<>();
    for (Node node : nodes.values()) {
      if (node.config().parent().filter(parentId::equals).isPresent() && !node.isDeleted()) {
        children.add(node);
      }
    }
    children.sort(Comparator.comparing(Node::id));
    return children;
  }

}
