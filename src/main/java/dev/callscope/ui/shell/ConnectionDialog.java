package dev.callscope.ui.shell;

import dev.callscope.app.Connector;
import dev.callscope.profiles.Profile;
import dev.callscope.profiles.ProfileBook;
import dev.callscope.profiles.ProfileCheck;
import dev.callscope.profiles.ProfileForm;
import dev.callscope.profiles.Profiles;
import dev.callscope.profiles.SavedPasswords;
import dev.callscope.secrets.SecretStoreException;
import dev.callscope.ui.common.ConfirmButton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The connections dialog: a list of profiles (new, save, rename by editing the name, delete) and
 * the chosen profile's form. "Test" tries the form as it stands in the background; "Connect"
 * saves it and hands it to the window with the password typed, if any (a saved one is read
 * later, off the FX thread). Saving, keyring and connection work never run on the FX thread.
 */
final class ConnectionDialog extends Dialog<ConnectionDialog.Choice> {

    /** The profile to connect to, and the password typed for it (empty: use the saved one, or none). */
    record Choice(Profile profile, Optional<String> typedPassword) {
        @Override
        public String toString() {
            return "Choice[" + profile + "]";
        }
    }

    static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final Profiles profiles;
    private final SavedPasswords passwords;
    private final Connector connector;
    private final ExecutorService background;
    private final Executor writer;
    private final Path defaultDataDir;
    private final Path home;
    private final ListView<Profile> list = new ListView<>();
    private final ProfileFormPane form = new ProfileFormPane();
    private final Label message = new Label();
    private final Label testResult = new Label();
    private final ConfirmButton delete = new ConfirmButton("Delete", this::deleteQuestion, this::delete);
    private ProfileBook book;
    /** The id of the profile in the form; null for a new one not yet saved. */
    private String editingId;

    /** Counts what the form shows, so a late background answer about an earlier profile is dropped. */
    private int generation;
    /** Set while the list is refreshed after a save, which must not reload the form. */
    private boolean refreshing;

    private Choice chosen;
    /** What the password field says of the saved password and the keyring (looked up in the background). */
    private final PasswordHints hints;

    /**
     * @param background  where connection tests run
     * @param writer      where profiles are written and passwords kept, one at a time, in order
     * @param selectId    the profile to show first (null for the last used)
     * @param note        a sentence to show at once (why the dialog opened), or null
     */
    ConnectionDialog(
            Profiles profiles,
            Connector connector,
            ExecutorService background,
            Executor writer,
            Path defaultDataDir,
            String selectId,
            String note) {
        this.profiles = profiles;
        this.passwords = profiles.passwords();
        this.connector = connector;
        this.background = background;
        this.writer = writer;
        this.hints = new PasswordHints(form, writer, passwords, profiles.file().resolveSibling("passwords.json"));
        this.defaultDataDir = defaultDataDir;
        this.home = Path.of(System.getProperty("user.home"));
        this.book = profiles.book();
        setTitle("Connections: where are your function events and logs?");
        setHeaderText(null);
        setResizable(true);

        list.setId("profile-list");
        list.setPrefWidth(220);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Profile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + (p.insecure() ? "  ⚠" : ""));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, p) -> {
            if (p != null && !refreshing) {
                edit(p);
            }
        });
        Button newServer = new Button("New server");
        newServer.setId("profile-new-server");
        newServer.setOnAction(e -> startNew(Profile.Kind.SERVER));
        Button newEmbedded = new Button("New embedded");
        newEmbedded.setId("profile-new-embedded");
        newEmbedded.setOnAction(e -> startNew(Profile.Kind.EMBEDDED));
        delete.setId("profile-delete");
        for (Button b : new Button[] {newServer, newEmbedded, delete}) {
            b.setMinWidth(Button.USE_PREF_SIZE);
        }
        HBox listButtons = new HBox(6, newServer, newEmbedded);
        VBox left = new VBox(6, list, listButtons, delete);
        VBox.setVgrow(list, Priority.ALWAYS);

        Button save = new Button("Save");
        save.setId("profile-save");
        save.setOnAction(e -> save(false));
        Button test = new Button("Test connection");
        test.setId("test-connection");
        test.setOnAction(e -> test());
        form.events.check.setOnAction(e -> test());
        test.disableProperty().bind(form.embedded.selectedProperty()); // one embedded data directory per process
        form.events
                .check
                .disableProperty()
                .bind(test.disableProperty()); // an embedded mapping is checked on connecting
        HBox actions = new HBox(8, save, test);
        actions.setAlignment(Pos.CENTER_LEFT);
        message.setId("profile-message");
        testResult.setId("test-result");
        for (Label l : new Label[] {message, testResult}) {
            l.setWrapText(true);
            l.setMaxWidth(640);
            l.setMinHeight(Label.USE_PREF_SIZE);
            // one line per bad field: the window grows to show them all
            l.textProperty()
                    .addListener((obs, was, now) -> Platform.runLater(() -> {
                        if (getDialogPane().getScene() != null
                                && getDialogPane().getScene().getWindow() != null) {
                            getDialogPane().getScene().getWindow().sizeToScene();
                        }
                    }));
        }
        ScrollPane formScroll = form.scrolling();
        VBox right = new VBox(8, formScroll, actions, message, testResult);
        right.setPadding(new Insets(0, 0, 0, 8));
        HBox content = new HBox(8, left, right);
        content.setPadding(new Insets(10));
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setMinWidth(240);
        getDialogPane().setContent(content);
        getDialogPane().setPrefWidth(1020);
        getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CLOSE);
        getDialogPane().lookupButton(CONNECT).setId("profile-connect");
        // Connect saves first; an invalid form keeps the dialog open with the reasons shown
        getDialogPane().lookupButton(CONNECT).addEventFilter(ActionEvent.ACTION, e -> {
            if (save(true).isEmpty()) {
                e.consume();
            }
        });
        setResultConverter(button -> button == CONNECT ? chosen : null);

        form.pasteUrl.textProperty().addListener((obs, was, text) -> paste(text, false));
        form.pasteUrl.setOnAction(e -> paste(form.pasteUrl.getText(), true));
        form.keep.valueProperty().addListener((obs, was, now) -> hints.describeStorage());
        hints.loadKeyringNote();

        list.getItems().setAll(book.profiles());
        String first =
                selectId != null ? selectId : book.startup().map(Profile::id).orElse(null);
        book.byId(first == null ? "" : first)
                .ifPresentOrElse(p -> list.getSelectionModel().select(p), () -> startNew(Profile.Kind.SERVER));
        if (note != null) {
            message.setText(note);
            Platform.runLater(form.password::requestFocus);
        }
    }

    private void edit(Profile p) {
        generation++;
        editingId = p.id();
        delete.reset();
        form.show(ProfileForm.of(p));
        message.setText("");
        testResult.setText("");
        hints.lookUp(p, () -> generation);
    }

    private void startNew(Profile.Kind kind) {
        generation++;
        list.getSelectionModel().clearSelection();
        editingId = null;
        hints.forget();
        delete.reset();
        ProfileForm blank =
                ProfileForm.blankServer(unusedName(kind == Profile.Kind.SERVER ? "New server" : "New embedded"));
        form.show(kind == Profile.Kind.SERVER ? blank : blank.withKind(kind).withDataDir(defaultDataDir.toString()));
        form.password.setPromptText("");
        message.setText("");
        testResult.setText("");
        form.name.requestFocus();
        form.name.selectAll();
    }

    private String unusedName(String base) {
        String name = base;
        for (int i = 2; book.nameTaken(name, null); i++) {
            name = base + " " + i;
        }
        return name;
    }

    /**
     * Validates the form and, if it reads, saves it as the profile being edited (a new one gets
     * an id). Returns the saved profile, or empty with the reasons shown.
     */
    private Optional<Profile> save(boolean connecting) {
        String id = editingId != null ? editingId : Profiles.newId();
        ProfileForm.Result result = form.read().validate(id, book, home);
        if (result instanceof ProfileForm.Result.Invalid(Map<ProfileForm.Field, String> errors)) {
            message.setText(form.markErrors(errors));
            errors.keySet().stream().sorted().findFirst().map(form::control).ifPresent(c -> c.requestFocus());
            return Optional.empty();
        }
        form.markErrors(Map.of());
        Profile profile = ((ProfileForm.Result.Valid) result).profile();
        book = book.withSaved(profile);
        if (connecting) {
            book = book.withLastUsed(profile.id());
        }
        editingId = profile.id();
        showList(profile);
        ProfileBook toWrite = book;
        Optional<String> typed = typedPassword();
        chosen = new Choice(profile, typed);
        message.setText(connecting ? "" : "Saving…");
        writer.execute(() -> {
            String outcome;
            try {
                profiles.save(toWrite);
                outcome = "Saved " + profile.name() + ". " + keepPassword(profile, typed);
            } catch (IOException | RuntimeException e) {
                outcome = "Could not save the profiles file (" + profiles.file() + "): " + e.getMessage();
            }
            String shown = outcome;
            Platform.runLater(() -> {
                if (!connecting && profile.id().equals(editingId)) {
                    message.setText(shown);
                }
            });
        });
        return Optional.of(profile);
    }

    /** Keeps a typed password where the profile says (on the writer thread); returns what happened. */
    private String keepPassword(Profile profile, Optional<String> typed) {
        if (profile.kind() != Profile.Kind.SERVER) {
            return "";
        }
        try {
            Profile.PasswordStorage where = passwords.effective(profile);
            if (where == Profile.PasswordStorage.ASK) {
                passwords.remember(profile, "");
                return "Its password is asked for when connecting.";
            }
            if (typed.isPresent() && !typed.get().isEmpty()) {
                passwords.remember(profile, typed.get());
                return where == Profile.PasswordStorage.KEYRING
                        ? "Password kept in the system keyring."
                        : "Password kept in the owner-only file.";
            }
            return "";
        } catch (SecretStoreException e) {
            return e.getMessage() + "; it will be asked for when connecting.";
        }
    }

    private void showList(Profile selected) {
        refreshing = true;
        try {
            list.getItems().setAll(book.profiles());
            list.getSelectionModel().select(selected);
        } finally {
            refreshing = false;
        }
    }

    /**
     * The password to connect with: what was typed, or, with the field empty, none (empty) when
     * nothing is saved for this profile, else empty Optional to use the saved one.
     */
    private Optional<String> typedPassword() {
        String typed = form.password.getText();
        return typed.isEmpty() && hints.saved() ? Optional.empty() : Optional.of(typed);
    }

    /** What Delete asks first; nothing for a new profile not yet saved (Delete clears the form). */
    private String deleteQuestion() {
        return editingId == null
                ? null
                : "Delete " + book.byId(editingId).orElseThrow().name() + "? Click again";
    }

    private void delete() {
        if (editingId == null) {
            startNew(Profile.Kind.SERVER);
            return;
        }
        Profile gone = book.byId(editingId).orElseThrow();
        book = book.without(gone.id());
        ProfileBook toWrite = book;
        writer.execute(() -> {
            String outcome = "Deleted " + gone.name() + ".";
            try {
                profiles.save(toWrite);
                passwords.forget(gone);
            } catch (IOException | SecretStoreException | RuntimeException e) {
                outcome = "Could not delete " + gone.name() + ": " + e.getMessage();
            }
            String shown = outcome;
            Platform.runLater(() -> message.setText(shown));
        });
        list.getItems().setAll(book.profiles());
        if (book.profiles().isEmpty()) {
            startNew(Profile.Kind.SERVER);
        } else {
            list.getSelectionModel().selectFirst();
        }
    }

    /** A pasted URL fills host, port, TLS, database and user; as typed text, only a whole URL does. */
    private void paste(String text, boolean explicit) {
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            ProfileForm.Pasted pasted = form.read().paste(text);
            form.showPasted(pasted);
            message.setText("Read the URL into the fields below.");
        } catch (IllegalArgumentException e) {
            if (explicit || text.length() > 12) {
                message.setText("URL: " + e.getMessage());
            }
        }
    }

    private void test() {
        String id = editingId != null ? editingId : "unsaved";
        ProfileForm.Result result = form.read().validate(id, book.without(id), home);
        if (result instanceof ProfileForm.Result.Invalid(Map<ProfileForm.Field, String> errors)) {
            message.setText(form.markErrors(errors));
            return;
        }
        form.markErrors(Map.of());
        Profile profile = ((ProfileForm.Result.Valid) result).profile();
        Optional<String> typed = typedPassword();
        testResult.setText("Testing " + profile.url() + "…");
        int asked = generation;
        background.submit(() -> {
            ProfileCheck.Verdict verdict =
                    ProfileCheck.test(connector, profile, typed.isPresent() ? typed.get() : savedPassword(profile));
            Platform.runLater(() -> {
                if (asked == generation) {
                    // the fields first: whoever reads the verdict finds them already outlined
                    form.events.markProblems(verdict.eventProblems());
                    testResult.setText(verdict.text());
                }
            });
        });
    }

    /** A saved password for a test, read on the calling (background) thread; empty when none. */
    private String savedPassword(Profile profile) {
        try {
            return book.byId(profile.id()).isPresent() ? passwords.read(profile).orElse("") : "";
        } catch (SecretStoreException e) {
            return "";
        }
    }
}
