package dev.kindling.mucbot;

import dev.kindling.inject.KindlingConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * One bot's configuration ({@code bot.<name>.*}), read at start and checked: each problem names the key.
 *
 * @param passwords room bare JID → password
 */
record BotSettings(List<JID> rooms, String nick, String prefix, Map<String, String> passwords, boolean createRooms,
    List<String> roomConfig, boolean rejoinAfterKick, InvitationPolicy invitations) {

  /** Which invitations a bot accepts when none of its methods decides. */
  enum InvitationPolicy { ACCEPT, LOCAL, DECLINE }

  /** Reads the settings of bot {@code type}, adding what is wrong to {@code problems}. */
  static BotSettings read(KindlingConfig config, BotType type, List<String> problems) {
    String name = type.name;
    Map<String, String> passwords = new LinkedHashMap<>();
    config.find(MucBotKeys.ROOM_PASSWORDS.forName(name)).ifPresent(text -> {
      for (String entry : text.split(",")) {
        int equals = entry.indexOf('=');
        if (entry.isBlank()) {
          continue;
        }
        if (equals <= 0) {
          problems.add(MucBotKeys.ROOM_PASSWORDS.forName(name).name() + ": an entry is not room@service=password");
        } else {
          passwords.put(bare(entry.substring(0, equals).trim()), entry.substring(equals + 1));
        }
      }
    });
    List<String> roomConfig = config.get(MucBotKeys.ROOM_CONFIG.forName(name));
    for (String field : roomConfig) {
      if (field.indexOf('=') <= 0) {
        problems.add(MucBotKeys.ROOM_CONFIG.forName(name).name() + ": '" + field + "' is not field=value");
      }
    }
    String policy = config.get(MucBotKeys.INVITATIONS.forName(name));
    InvitationPolicy invitations = InvitationPolicy.LOCAL;
    try {
      invitations = InvitationPolicy.valueOf(policy.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(MucBotKeys.INVITATIONS.forName(name).name() + ": '" + policy + "' is none of accept, local,"
          + " decline");
    }
    String nick = config.find(MucBotKeys.NICK.forName(name)).orElse(type.nick).strip();
    String prefix = config.find(MucBotKeys.PREFIX.forName(name)).orElse(type.prefix).strip();
    if (nick.isEmpty() || prefix.isEmpty()) {
      problems.add("bot " + name + ": its nick and prefix must not be blank (bot." + name + ".nick, bot." + name
          + ".prefix)");
    }
    List<JID> rooms = config.get(MucBotKeys.ROOMS.forName(name)).stream()
        .map(room -> new JID(room.toBareJID(), true)).distinct().toList();
    return new BotSettings(rooms, nick, prefix, Map.copyOf(passwords),
        config.get(MucBotKeys.CREATE_ROOMS.forName(name)), roomConfig,
        config.get(MucBotKeys.REJOIN_AFTER_KICK.forName(name)), invitations);
  }

  /** The password of {@code room}, if one is configured. */
  Optional<String> password(JID room) {
    return Optional.ofNullable(passwords.get(room.toBareJID()));
  }

  private static String bare(String room) {
    try {
      return new JID(room).toBareJID();
    } catch (IllegalArgumentException e) {
      return room;
    }
  }
}
