package dev.callscope.ui.logs;

import dev.callscope.logs.LogLine;
import dev.callscope.logs.search.Highlighter;
import dev.callscope.logs.search.SearchExpr;
import dev.callscope.schema.PatternRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The message column: the telling line of the message (a traceback's exception, not its
 * "Traceback (most recent call last):"), with the search's matches highlighted and, for a
 * multi-line message, a marker that opens the whole message in place.
 */
final class MessageCell extends TableCell<LogLine, String> {

    /** Long lines are cut for the table; the detail pane shows them whole. */
    private static final int MAX_SHOWN = 400;

    /** An expanded row shows at most this many lines; the detail pane shows all of them. */
    static final int MAX_EXPANDED_LINES = 60;

    private final Supplier<SearchExpr> search;
    private final Predicate<LogLine> expanded;
    private final Consumer<LogLine> toggle;
    private final Text marker = new Text();
    private final Text rest = new Text();
    private final VBox whole = new VBox();
    private final HBox line = new HBox(); // one line: a TextFlow would wrap inside the cell
    private final List<Text> pool = new ArrayList<>();
    /** The table's monospace face (as in callscope.css); matches are its bold. */
    private static final String MONO_FAMILY = monoFamily();

    private static final Font MONO = Font.font(MONO_FAMILY, 12);
    private static final Font MONO_BOLD = Font.font(MONO_FAMILY, FontWeight.BOLD, 12);

    private static String monoFamily() {
        List<String> installed = Font.getFamilies();
        for (String family : List.of("DejaVu Sans Mono", "Menlo", "Consolas", "Liberation Mono")) {
            if (installed.contains(family)) {
                return family;
            }
        }
        return "Monospaced";
    }

    MessageCell(Supplier<SearchExpr> search, Predicate<LogLine> expanded, Consumer<LogLine> toggle) {
        this.search = search;
        this.expanded = expanded;
        this.toggle = toggle;
        marker.getStyleClass().addAll("log-text", "more-lines");
        marker.setFont(MONO);
        marker.setCursor(Cursor.HAND);
        marker.setPickOnBounds(true); // a click between its glyphs counts too
        marker.setOnMouseClicked(e -> {
            LogLine l = getTableRow() == null ? null : getTableRow().getItem();
            if (l != null) {
                toggle.accept(l);
                e.consume();
            }
        });
        rest.getStyleClass().add("log-text");
        rest.setFont(MONO);
        getStyleClass().add("message-cell");
        line.setAlignment(Pos.CENTER_LEFT);
        // the nodes exist (and get their CSS) when the table first fills, not when the first match shows
        for (int i = 0; i < 5; i++) {
            piece(i, "", MONO, null);
        }
        setGraphic(line);
    }

    /**
     * Every line, matched or not, is drawn by this cell's own Text nodes, reused across updates and
     * styled in code rather than through CSS: the table redraws its rows on every search, and
     * creating and styling new nodes then was what made those frames slow.
     */
    @Override
    protected void updateItem(String message, boolean empty) {
        super.updateItem(message, empty);
        if (empty || message == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        LogLine item = getTableRow() == null ? null : getTableRow().getItem();
        int more = PatternRules.moreLines(message);
        boolean open = more > 0 && item != null && expanded.test(item);
        String shown = open ? firstLineOnly(message) : tellingLine(message);
        List<Highlighter.Span> spans = Highlighter.spans(search.get(), shown);
        setText(null);
        Font base = MONO;
        Font bold = MONO_BOLD;
        Paint fill = null;
        int n = 0;
        int at = 0;
        for (Highlighter.Span s : spans) {
            if (s.start() > at) {
                piece(n++, shown.substring(at, s.start()), base, fill);
            }
            piece(n++, shown.substring(s.start(), s.end()), bold, fill);
            at = s.end();
        }
        if (at < shown.length()) {
            piece(n++, shown.substring(at), base, fill);
        }
        for (int k = n; k < pool.size(); k++) {
            Text unused = pool.get(k);
            unused.setText("");
            unused.setVisible(false);
            unused.setManaged(false);
        }
        // first in the row, so it is in sight however long the line and however narrow the column
        line.getChildren().remove(marker);
        if (more > 0) {
            marker.setText(open ? "▾ " : "▸ +" + more + " ");
            line.getChildren().addFirst(marker);
        }
        if (open) {
            rest.setText(restOf(message));
            if (whole.getChildren().isEmpty() || whole.getChildren().getFirst() != line) {
                whole.getChildren().setAll(line, rest);
            }
            setGraphic(whole);
        } else if (getGraphic() != line) {
            whole.getChildren().clear();
            setGraphic(line);
        }
    }

    /** An expanded message's lines after the first, each cut for the table, at most {@link #MAX_EXPANDED_LINES}. */
    static String restOf(String message) {
        String[] lines = message.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int last = Math.min(lines.length, MAX_EXPANDED_LINES);
        for (int i = 1; i < last; i++) {
            String l = lines[i].length() > MAX_SHOWN ? lines[i].substring(0, MAX_SHOWN) + "…" : lines[i];
            out.append(i > 1 ? "\n" : "").append(l);
        }
        if (lines.length > last) {
            out.append("\n… ").append(lines.length - last).append(" more lines in the detail");
        }
        return out.toString();
    }

    private void piece(int index, String text, Font font, Paint fill) {
        while (pool.size() <= index) {
            Text t = new Text();
            t.getStyleClass().add("log-text"); // the theme's text colour, set once; fonts are set in code
            pool.add(t);
            line.getChildren().add(t);
        }
        Text t = pool.get(index);
        t.setText(text);
        t.setFont(font);
        t.setVisible(true);
        t.setManaged(true);
    }

    /** The line a collapsed row shows: the telling line ({@code PatternRules.tellingLine}), cut for the table. */
    static String tellingLine(String message) {
        String line = PatternRules.tellingLine(message);
        return line.length() > MAX_SHOWN ? line.substring(0, MAX_SHOWN) + "…" : line;
    }

    private static String firstLineOnly(String message) {
        int nl = message.indexOf('\n');
        String line = nl >= 0 ? message.substring(0, nl) : message;
        return line.length() > MAX_SHOWN ? line.substring(0, MAX_SHOWN) + "…" : line;
    }

    /** Loading a font face costs ~100 ms the first time: done now, off the FX thread, not in the pulse that first highlights a match. */
    static void warmUpFonts() {
        Thread.ofVirtual().name("callscope-font-warmup").start(() -> {
            for (FontWeight weight : new FontWeight[] {FontWeight.NORMAL, FontWeight.BOLD}) {
                Font.font("DejaVu Sans Mono", weight, 12);
                Font.font("Menlo", weight, 12);
            }
        });
    }
}
