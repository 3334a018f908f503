package dev.callscope.ui.shell;

import dev.callscope.profiles.Profile;
import dev.callscope.profiles.SavedPasswords;
import dev.callscope.secrets.SecretStoreException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import javafx.application.Platform;

/**
 * What the connection form says about passwords: whether the profile in the form has one saved,
 * whether there is a system keyring, and where the chosen storage keeps it. Keyring and file reads
 * run on the profile writer's thread, never on the FX thread.
 */
final class PasswordHints {

    private final ProfileFormPane form;
    private final Executor writer;
    private final SavedPasswords passwords;
    private final Path passwordsFile;
    private boolean saved;

    PasswordHints(ProfileFormPane form, Executor writer, SavedPasswords passwords, Path passwordsFile) {
        this.form = form;
        this.writer = writer;
        this.passwords = passwords;
        this.passwordsFile = passwordsFile;
    }

    /** Whether a password is saved for the profile in the form (as last looked up). */
    boolean saved() {
        return saved;
    }

    /** A new profile in the form: nothing is known to be saved. */
    void forget() {
        saved = false;
    }

    /** Says in the password field whether {@code p} has a saved password, unless the form moved on ({@code generation} changed). */
    void lookUp(Profile p, IntSupplier generation) {
        form.password.setPromptText("");
        saved = false;
        if (p.kind() != Profile.Kind.SERVER) {
            return;
        }
        int asked = generation.getAsInt();
        writer.execute(() -> {
            String prompt;
            boolean found = false;
            try {
                Profile.PasswordStorage where = passwords.effective(p);
                found = passwords.read(p).isPresent();
                prompt = switch (where) {
                    case ASK -> "Not kept: type it to connect";
                    case KEYRING -> found ? "Kept in the system keyring" : "Not saved yet";
                    case PLAIN_FILE -> found ? "Kept in the owner-only file" : "Not saved yet";
                };
            } catch (SecretStoreException e) {
                prompt = "Could not read the saved password";
            }
            String shown = prompt;
            boolean known = found;
            Platform.runLater(() -> {
                if (asked == generation.getAsInt()) {
                    form.password.setPromptText(shown);
                    saved = known;
                }
            });
        });
    }

    /** Looks for the system keyring once and says what it found. */
    void loadKeyringNote() {
        form.keyringNote.setText("Looking for the system keyring…");
        writer.execute(() -> {
            String note = passwords.keyringExplanation();
            boolean available = passwords.keyringAvailable();
            Platform.runLater(() -> {
                form.keyringNote.setText(note);
                form.keyringNote.setUserData(available);
                describeStorage();
            });
        });
    }

    /** Says where the chosen storage keeps the password. */
    void describeStorage() {
        Object available = form.keyringNote.getUserData();
        if (form.keep.getValue() == Profile.PasswordStorage.PLAIN_FILE) {
            form.keyringNote.setText("The password will be written in plain text to a file only you can read ("
                    + passwordsFile + "). Anyone with your account can read it.");
        } else if (Boolean.FALSE.equals(available) && form.keep.getValue() == Profile.PasswordStorage.KEYRING) {
            form.keyringNote.setText(passwords.keyringExplanation());
        } else if (available != null) {
            form.keyringNote.setText(passwords.keyringExplanation());
        }
    }
}
