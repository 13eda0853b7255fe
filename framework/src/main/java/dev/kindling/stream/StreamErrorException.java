package dev.kindling.stream;

import java.io.IOException;
import java.util.Objects;
import org.xmpp.packet.StreamError;

/**
 * A stream ended with an RFC 6120 §4.9 stream error: either the peer sent one, or this side found the stream
 * broken (bad XML, a limit exceeded) and ends it with one.
 *
 * <p>The message is written for a person; {@link #condition()} is for code that decides what to do next,
 * such as whether reconnecting can help.
 */
public class StreamErrorException extends IOException {
  private final StreamError.Condition condition;
  private final String text;
  private final boolean sentByPeer;

  /**
   * Creates the exception.
   *
   * @param message what happened, for a person
   * @param condition the RFC 6120 condition
   * @param text the error's descriptive text, or {@code null}
   * @param sentByPeer whether the other side sent the error, rather than this side detecting it
   */
  public StreamErrorException(String message, StreamError.Condition condition, String text, boolean sentByPeer) {
    super(message);
    this.condition = Objects.requireNonNull(condition, "condition");
    this.text = text;
    this.sentByPeer = sentByPeer;
  }

  /** Creates an error this side detected, whose message is the condition and text. */
  public static StreamErrorException detected(StreamError.Condition condition, String text) {
    return new StreamErrorException(text + " (" + condition.toXMPP() + ")", condition, text, false);
  }

  /** The RFC 6120 condition, such as {@code not-authorized}. */
  public StreamError.Condition condition() {
    return condition;
  }

  /** The error's descriptive text, or {@code null} if it had none. */
  public String text() {
    return text;
  }

  /** Whether the other side sent this error (otherwise this side detected it and sends it). */
  public boolean sentByPeer() {
    return sentByPeer;
  }

  /** The stream error to send to the peer for an error this side detected. */
  public StreamError toStreamError() {
    return text == null ? new StreamError(condition) : new StreamError(condition, text);
  }
}
