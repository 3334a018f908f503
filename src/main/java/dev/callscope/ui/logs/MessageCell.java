package dev.callscope.ui.logs;

import dev.callscope.logs.LogLine;
import dev.callscope.logs.search.Highlighter;
import dev.callscope.logs.search.SearchExpr;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.TableCell;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.layout.HBox;

/** The message column: the first line of the message, with the search's matches highlighted. */
final class MessageCell extends TableCell<LogLine, String> {

    /** Long lines are cut for the table; the detail pane shows them whole. */
    private static final int MAX_SHOWN = 400;

    private final Supplier<SearchExpr> search;
    private final HBox line = new HBox(); // one line: a TextFlow would wrap inside the cell
    private final List<Text> pool = new java.util.ArrayList<>();
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

    MessageCell(Supplier<SearchExpr> search) {
        this.search = search;
        getStyleClass().add("message-cell");
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
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
        String shown = firstLine(message);
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
        if (getGraphic() != line) {
            setGraphic(line);
        }
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

    static String firstLine(String message) {
        int nl = message.indexOf('\n');
        String line = nl >= 0 ? message.substring(0, nl) + "  ↵" : message;
        return line.length() > MAX_SHOWN ? line.substring(0, MAX_SHOWN) + "…" : line;
    }
}
