package dev.callscope.ui.logs;

import dev.callscope.logs.LogLine;
import dev.callscope.logs.search.Highlighter;
import dev.callscope.logs.search.SearchExpr;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
import javafx.scene.layout.HBox;

/** The message column: the first line of the message, with the search's matches highlighted. */
final class MessageCell extends TableCell<LogLine, String> {

    /** Long lines are cut for the table; the detail pane shows them whole. */
    private static final int MAX_SHOWN = 400;

    private final Supplier<SearchExpr> search;

    MessageCell(Supplier<SearchExpr> search) {
        this.search = search;
        getStyleClass().add("message-cell");
    }

    @Override
    protected void updateItem(String message, boolean empty) {
        super.updateItem(message, empty);
        setText(null);
        if (empty || message == null) {
            setGraphic(null);
            return;
        }
        String shown = firstLine(message);
        List<Highlighter.Span> spans = Highlighter.spans(search.get(), shown);
        HBox flow = new HBox(); // one line: a TextFlow would wrap inside the cell
        int at = 0;
        for (Highlighter.Span s : spans) {
            if (s.start() > at) {
                flow.getChildren().add(plain(shown.substring(at, s.start())));
            }
            Text hit = new Text(shown.substring(s.start(), s.end()));
            hit.getStyleClass().addAll("log-text", "match");
            flow.getChildren().add(hit);
            at = s.end();
        }
        if (at < shown.length()) {
            flow.getChildren().add(plain(shown.substring(at)));
        }
        setGraphic(flow);
    }

    private static Text plain(String s) {
        Text t = new Text(s);
        t.getStyleClass().add("log-text");
        return t;
    }

    static String firstLine(String message) {
        int nl = message.indexOf('\n');
        String line = nl >= 0 ? message.substring(0, nl) + "  ↵" : message;
        return line.length() > MAX_SHOWN ? line.substring(0, MAX_SHOWN) + "…" : line;
    }
}
