package dev.kindling.mucbot.samples;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * When each nick was last seen in each room, kept in a properties file so that it outlives restarts: written
 * with a change when the last write is a second old or more, and on {@link #save()} (at stop), atomically (a new
 * file moved over the old one), so a crash loses the changes since the last write, never the file.
 */
final class SeenBook {
  /** A sighting: the nick as written, the room, the time. */
  record Seen(String nick, String room, Instant at) {}

  private static final Duration SAVE_EVERY = Duration.ofSeconds(1);
  private static final int MAX_NICKS = 100_000;          // room and nick pairs; the oldest is forgotten first

  private final Path file;
  private final Clock clock;
  private final Map<String, Seen> seen = new LinkedHashMap<>();
  private Instant savedAt = Instant.EPOCH;
  private boolean dirty;

  SeenBook(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** Reads the file, if there is one. */
  synchronized void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    for (String key : properties.stringPropertyNames()) {
      String[] value = properties.getProperty(key).split(" ", 3);
      if (value.length == 3) {
        try {
          seen.put(key, new Seen(value[2], value[1], Instant.ofEpochMilli(Long.parseLong(value[0]))));
        } catch (NumberFormatException e) {
          // a line this class did not write: skipped
        }
      }
    }
  }

  /** Records {@code nick} seen now in {@code room}. */
  synchronized void saw(String nick, String room) {
    String key = key(room, nick);
    if (seen.size() >= MAX_NICKS && !seen.containsKey(key)) {
      seen.remove(seen.keySet().iterator().next());
    }
    seen.remove(key);
    seen.put(key, new Seen(nick, room, clock.instant()));
    dirty = true;
    if (Duration.between(savedAt, clock.instant()).compareTo(SAVE_EVERY) >= 0) {
      save();
    }
  }

  /** When {@code nick} was last seen in {@code room}, if ever. */
  synchronized Optional<Seen> find(String room, String nick) {
    return Optional.ofNullable(seen.get(key(room, nick)));
  }

  /** Writes the file if something changed since it was last written. */
  synchronized void save() {
    if (!dirty) {
      return;
    }
    Properties properties = new Properties();
    seen.forEach((key, value) -> properties.setProperty(key, value.at().toEpochMilli() + " " + value.room() + " "
        + value.nick()));
    try {
      Files.createDirectories(file.getParent());
      Path next = file.resolveSibling(file.getFileName() + ".new");
      try (Writer writer = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
        properties.store(writer, "last seen: epoch-millis room nick");
      }
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    dirty = false;
    savedAt = clock.instant();
  }

  private static String key(String room, String nick) {
    return room + "/" + nick.toLowerCase(Locale.ROOT);
  }
}
