package dev.chatstore;

/** Something named by id does not exist (or no longer does); see the subclasses for which kind. */
public abstract class NotFoundException extends ChatStoreException {
  private static final long serialVersionUID = 1L;
  private final String id;

  protected NotFoundException(String message, String id) {
    super(message);
    this.id = id;
  }

  /** The id that was looked up. */
  public String id() {
    return id;
  }
}
