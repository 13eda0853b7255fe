package dev.kindling.command;

import dev.kindling.form.Field;
import dev.kindling.form.Form;
import dev.kindling.handler.Identity;
import dev.kindling.handler.StanzaErrorException;
import org.xmpp.packet.PacketError;

/** A two-stage command and two restricted ones. */
@Identity(category = "component", type = "generic", name = "Cities")
public final class CityCommands {
  static final Form CITY = Form.titled("Register a city")
      .instructions("Which city?")
      .field(Field.text("city").label("City").required())
      .field(Field.listSingle("units").label("Units").option("metric", "Metric").option("imperial", "Imperial")
          .defaultValue("metric"))
      .field(Field.text("zip").label("ZIP").validate(zip -> zip.matches("\\d{5}"), "five digits"));

  static final Form CONFIRM = Form.titled("Confirm")
      .field(Field.fixed("Please confirm"))
      .field(Field.bool("confirm").label("Confirm").required());

  @Command(node = "register-city", name = "Register a city")
  CommandStep register(CommandRequest request) {
    return CommandStep.form(CITY).onNext(this::confirm);
  }

  private CommandStep confirm(CommandRequest request) {
    request.attributes().put("city", request.values().text("city").orElseThrow());
    request.attributes().put("units", request.values().text("units").orElse("metric"));
    return CommandStep.form(CONFIRM).withNote("Registering " + request.attributes().get("city")).onComplete(this::save);
  }

  private CommandStep save(CommandRequest request) {
    if (!request.values().bool("confirm")) {
      return CommandStep.completed("Nothing registered.");
    }
    return CommandStep.completed("Registered " + request.attributes().get("city") + " in "
        + request.attributes().get("units") + " units for " + request.requester().toBareJID() + ".");
  }

  @Command(node = "broken", name = "Fails at once")
  CommandStep broken(CommandRequest request) {
    throw new StanzaErrorException(PacketError.Condition.not_acceptable, "closed today");
  }

  @Command(node = "picky", name = "Refuses its second stage")
  CommandStep picky(CommandRequest request) {
    return CommandStep.form(CITY).onNext(next -> {
      throw new StanzaErrorException(PacketError.Condition.not_acceptable, "no such city");
    });
  }

  @Command(node = "purge", name = "Purge all cities", access = Command.Access.ADMINS)
  CommandStep purge(CommandRequest request) {
    return CommandStep.completed("Purged.");
  }

  @Command(node = "where", name = "Names the thread it runs on")
  CommandStep where(CommandRequest request) {
    return CommandStep.completed(Thread.currentThread().getName());
  }

  @Command(node = "mine", name = "My cities", access = Command.Access.LOCAL_USERS)
  CommandStep mine(CommandRequest request) {
    return CommandStep.completed("You have none.");
  }
}
