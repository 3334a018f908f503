package dev.callscope.ui.shell;

import dev.callscope.engine.TlsTrust;
import dev.callscope.profiles.EventsMapping;
import dev.callscope.profiles.LogMapping;
import dev.callscope.profiles.Profile;
import dev.callscope.profiles.ProfileForm;
import dev.callscope.profiles.ProfileForm.Field;
import java.io.File;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.util.StringConverter;

/**
 * The fields of one profile and its password: shows a {@link ProfileForm}, reads one back exactly
 * as typed (whatever was typed stays in the fields), and marks the fields a validation named.
 */
final class ProfileFormPane extends GridPane {

    final TextField name = field("profile-name", "Production");
    final RadioButton embedded = new RadioButton("Embedded engine (chDB, on this computer)");
    final RadioButton server = new RadioButton("ClickHouse server");
    final TextField dataDir = field("profile-data-dir", "/path/to/data");
    final TextField pasteUrl = field("profile-url", "Paste https://host:8443/database or a jdbc:clickhouse: URL");
    final TextField host = field("profile-host", "abc.eu-west-1.aws.clickhouse.cloud");
    final TextField port = field("profile-port", "8443");
    final CheckBox https = new CheckBox("HTTPS");
    final TextField user = field("profile-user", "default");
    final PasswordField password = new PasswordField();
    final ChoiceBox<Profile.PasswordStorage> keep = new ChoiceBox<>();
    final TextField database = field("profile-database", "default");
    final ChoiceBox<TlsTrust.Kind> tls = new ChoiceBox<>();
    final TextField caFile = field("profile-ca-file", "/path/to/ca.pem");
    final TextField maxExecution = field("limit-time", "30");
    final TextField maxRows = field("limit-rows", "10,000,000");
    final TextField maxBytes = field("limit-bytes", "2 GiB");
    final TextField maxMemory = field("limit-memory", "4 GiB");
    final LogMappingPane logs = new LogMappingPane();
    final EventsMappingPane events = new EventsMappingPane();
    final Label keyringNote = new Label();
    final Label insecureNote = new Label("Certificates are not checked: anyone on the network path can read or change "
            + "this traffic. For self-signed test servers only.");
    private final Map<Field, TextInputControl> byField = new EnumMap<>(Field.class);

    ProfileFormPane() {
        super(10, 7);
        setPadding(new Insets(4, 4, 4, 10));
        ToggleGroup kind = new ToggleGroup();
        embedded.setToggleGroup(kind);
        server.setToggleGroup(kind);
        embedded.setId("kind-embedded");
        server.setId("kind-server");
        server.setSelected(true);
        https.setId("profile-https");
        https.setSelected(true);
        password.setId("profile-password");
        keep.setId("profile-keep-password");
        keep.getItems().setAll(Profile.PasswordStorage.values());
        keep.setConverter(converter(p -> switch (p) {
            case KEYRING -> "Keep in the system keyring";
            case ASK -> "Ask each time I connect";
            case PLAIN_FILE -> "Keep in a plain-text file (owner-only)";
        }));
        tls.setId("profile-tls");
        tls.getItems().setAll(TlsTrust.Kind.values());
        tls.setConverter(converter(m -> switch (m) {
            case VERIFY -> "Verify the certificate (system CAs)";
            case CA_FILE -> "Verify with my CA file";
            case NO_VERIFY -> "Do not verify (self-signed test server)";
        }));
        keyringNote.setId("keyring-note");
        keyringNote.getStyleClass().add("text-muted");
        keyringNote.setWrapText(true);
        keyringNote.setMaxWidth(560);
        keyringNote.setMinHeight(Label.USE_PREF_SIZE);
        keyringNote.visibleProperty().bind(server.selectedProperty());
        keyringNote.managedProperty().bind(keyringNote.visibleProperty());
        insecureNote.setId("insecure-note");
        insecureNote.getStyleClass().add("warning-text");
        insecureNote.setWrapText(true);
        insecureNote.setMaxWidth(560);
        insecureNote.setMinHeight(Label.USE_PREF_SIZE);
        Button browse = new Button("Browse…");
        browse.setMinWidth(Button.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("CA certificate (PEM)");
            chooser.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter("PEM certificates", "*.pem", "*.crt", "*.cer"),
                            new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(
                    getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                caFile.setText(f.getAbsolutePath());
            }
        });
        port.setPrefColumnCount(6);
        port.setMinWidth(80);
        for (TextField f : new TextField[] {maxExecution, maxRows, maxBytes, maxMemory}) {
            f.setPrefColumnCount(8);
        }
        maxExecution.setTooltip(new Tooltip("Seconds, or 30s, 2m, 1h: the server stops a query after this long"));
        maxBytes.setTooltip(new Tooltip("Largest result, e.g. 2 GiB"));
        maxMemory.setTooltip(new Tooltip("Memory one query may use on the server, e.g. 4 GiB"));

        int row = 0;
        addRow(row++, label("Name"), name);
        embedded.setMinWidth(Label.USE_PREF_SIZE);
        server.setMinWidth(Label.USE_PREF_SIZE);
        add(new HBox(16, server, embedded), 1, row++);
        addRow(row++, label("Data directory"), dataDir);
        addRow(row++, label("Paste URL"), pasteUrl);
        HBox hostLine = new HBox(8, host, label("Port"), port, https);
        https.setMinWidth(Label.USE_PREF_SIZE);
        hostLine.setAlignment(Pos.CENTER_LEFT);
        addRow(row++, label("Host"), hostLine);
        addRow(row++, label("User"), user);
        HBox pwLine = new HBox(8, password, keep);
        pwLine.setAlignment(Pos.CENTER_LEFT);
        addRow(row++, label("Password"), pwLine);
        add(keyringNote, 1, row++);
        addRow(row++, label("Database"), database);
        addRow(row++, label("Certificate"), tls);
        HBox caLine = new HBox(8, caFile, browse);
        caLine.setAlignment(Pos.CENTER_LEFT);
        addRow(row++, label("CA file"), caLine);
        add(insecureNote, 1, row++);
        add(new Separator(), 0, row++, 2, 1);
        HBox limits1 = new HBox(8, maxExecution, label("Max result rows"), maxRows);
        limits1.setAlignment(Pos.CENTER_LEFT);
        HBox limits2 = new HBox(8, maxBytes, label("Memory per query"), maxMemory);
        limits2.setAlignment(Pos.CENTER_LEFT);
        addRow(row++, label("Time limit"), limits1);
        addRow(row++, label("Max result size"), limits2);
        add(new Separator(), 0, row++, 2, 1);
        addRow(row++, label("Logs"), logs);
        add(new Separator(), 0, row++, 2, 1);
        addRow(row, label("Events"), events);
        // a logs-only preset usually means a server without Callscope's events: follow it, unless chosen otherwise
        logs.kind.valueProperty().addListener((obs, was, k) -> {
            boolean canonical = k == LogMapping.Kind.CANONICAL;
            if (!canonical && events.kind.getValue() == EventsMapping.Kind.CANONICAL) {
                events.kind.setValue(EventsMapping.Kind.NONE);
            } else if (canonical && events.kind.getValue() == EventsMapping.Kind.NONE) {
                events.kind.setValue(EventsMapping.Kind.CANONICAL);
            }
        });
        name.setPrefColumnCount(28);
        host.setPrefColumnCount(24);
        dataDir.setPrefColumnCount(36);
        pasteUrl.setPrefColumnCount(36);
        caFile.setPrefColumnCount(28);

        byField.putAll(Map.ofEntries(
                Map.entry(Field.NAME, name),
                Map.entry(Field.DATA_DIR, dataDir),
                Map.entry(Field.URL, pasteUrl),
                Map.entry(Field.HOST, host),
                Map.entry(Field.PORT, port),
                Map.entry(Field.USER, user),
                Map.entry(Field.DATABASE, database),
                Map.entry(Field.CA_FILE, caFile),
                Map.entry(Field.MAX_EXECUTION, maxExecution),
                Map.entry(Field.MAX_ROWS, maxRows),
                Map.entry(Field.MAX_BYTES, maxBytes),
                Map.entry(Field.MAX_MEMORY, maxMemory),
                Map.entry(Field.LOGS, logs.table),
                Map.entry(Field.EVENTS, events.table)));

        dataDir.disableProperty().bind(server.selectedProperty());
        for (Node n : new Node[] {pasteUrl, host, port, https, user, password, keep, database}) {
            n.disableProperty().bind(embedded.selectedProperty());
        }
        caLine.disableProperty()
                .bind(embedded.selectedProperty()
                        .or(https.selectedProperty().not())
                        .or(tls.valueProperty().isNotEqualTo(TlsTrust.Kind.CA_FILE)));
        tls.disableProperty()
                .bind(embedded.selectedProperty().or(https.selectedProperty().not()));
        insecureNote
                .visibleProperty()
                .bind(server.selectedProperty()
                        .and(https.selectedProperty())
                        .and(tls.valueProperty().isEqualTo(TlsTrust.Kind.NO_VERIFY)));
        insecureNote.managedProperty().bind(insecureNote.visibleProperty());
        https.selectedProperty().addListener((obs, was, on) -> {
            // the usual ClickHouse port for the new scheme, unless the user typed another
            if (on && "8123".equals(port.getText().strip())) {
                port.setText("8443");
            } else if (!on && "8443".equals(port.getText().strip())) {
                port.setText("8123");
            }
        });
    }

    /** Shows a form; the password field is cleared (a saved password is never shown). */
    void show(ProfileForm f) {
        name.setText(f.name());
        (f.kind() == Profile.Kind.EMBEDDED ? embedded : server).setSelected(true);
        dataDir.setText(f.dataDir());
        pasteUrl.clear();
        host.setText(f.host());
        port.setText(f.port());
        https.setSelected(f.https());
        user.setText(f.user());
        password.clear();
        keep.setValue(f.password());
        database.setText(f.database());
        tls.setValue(f.tls());
        caFile.setText(f.caFile());
        maxExecution.setText(f.maxExecution());
        maxRows.setText(f.maxRows());
        maxBytes.setText(f.maxBytes());
        maxMemory.setText(f.maxMemory());
        logs.show(f.logs());
        events.show(f.events());
        markErrors(Map.of());
    }

    /** The form exactly as typed. */
    ProfileForm read() {
        return new ProfileForm(
                name.getText(),
                embedded.isSelected() ? Profile.Kind.EMBEDDED : Profile.Kind.SERVER,
                dataDir.getText(),
                host.getText(),
                port.getText(),
                https.isSelected(),
                user.getText(),
                database.getText(),
                tls.getValue(),
                caFile.getText(),
                keep.getValue(),
                maxExecution.getText(),
                maxRows.getText(),
                maxBytes.getText(),
                maxMemory.getText(),
                logs.read(),
                events.read());
    }

    /** Outlines the fields named in {@code errors}; returns one line per error, in form order. */
    String markErrors(Map<Field, String> errors) {
        byField.forEach((field, control) ->
                control.pseudoClassStateChanged(PseudoClass.getPseudoClass("danger"), errors.containsKey(field)));
        return errors.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> label(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    TextInputControl control(Field field) {
        return byField.get(field);
    }

    static String label(Field f) {
        return switch (f) {
            case NAME -> "Name";
            case DATA_DIR -> "Data directory";
            case URL -> "URL";
            case HOST -> "Host";
            case PORT -> "Port";
            case USER -> "User";
            case DATABASE -> "Database";
            case CA_FILE -> "CA file";
            case MAX_EXECUTION -> "Time limit";
            case MAX_ROWS -> "Max result rows";
            case MAX_BYTES -> "Max result size";
            case MAX_MEMORY -> "Memory per query";
            case LOGS -> "Logs";
            case EVENTS -> "Events";
        };
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** Fills the server fields from a pasted URL (and the password, when it held one). */
    void showPasted(ProfileForm.Pasted pasted) {
        ProfileForm f = pasted.form();
        host.setText(f.host());
        port.setText(f.port());
        https.setSelected(f.https());
        user.setText(f.user());
        database.setText(f.database());
        if (pasted.password() != null) {
            password.setText(pasted.password());
        }
    }

    /** This form in a scroll pane, so it scrolls rather than pushing the dialog's buttons off a small screen. */
    ScrollPane scrolling() {
        // a custom schema adds a grid
        ScrollPane formScroll = new ScrollPane(this);
        formScroll.setPrefViewportWidth(660); // a scroll pane does not take its width from its content
        formScroll.setMinViewportWidth(660);
        formScroll.setFitToWidth(true);
        formScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        formScroll.getStyleClass().add("edge-to-edge");
        formScroll.setMaxHeight(
                Math.max(360, Screen.getPrimary().getVisualBounds().getHeight() - 360));
        return formScroll;
    }
}
