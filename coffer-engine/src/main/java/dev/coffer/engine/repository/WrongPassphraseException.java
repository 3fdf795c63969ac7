package dev.coffer.engine.repository;

/** No key of the repository opens with the given passphrase. */
public class WrongPassphraseException extends RepositoryException {

    public WrongPassphraseException(String message) {
        super(message);
    }
}
