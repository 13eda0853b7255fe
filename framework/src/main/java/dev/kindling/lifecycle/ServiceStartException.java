package dev.kindling.lifecycle;

/**
 * A {@link ComponentService} failed to start; the services started before it have been stopped again. The message
 * names the service and says why, in one line.
 */
public class ServiceStartException extends RuntimeException {
  /** Creates the exception for {@code service} (a description such as {@code Database of component pubsub}). */
  public ServiceStartException(String service, Throwable cause) {
    super(service + " failed to start: " + describe(cause), cause);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
