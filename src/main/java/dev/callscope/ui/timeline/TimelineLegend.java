package dev.callscope.ui.timeline;

import dev.callscope.chart.Palette;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/** The Timeline's key: what each colour of a bar means. */
final class TimelineLegend extends HBox {

    private record Item(String text, int rgb) {}

    TimelineLegend() {
        super(10);
        setAlignment(Pos.CENTER_LEFT);
        Palette p = Palette.light();
        for (Item item : List.of(
                new Item("queued", p.queue()),
                new Item("cold start", p.coldStart()),
                new Item("running", p.run()),
                new Item("outline: failure / timeout / init failure", p.failure()))) {
            Rectangle swatch = new Rectangle(12, 10, Color.web(String.format("#%06x", item.rgb())));
            Label l = new Label(item.text(), swatch);
            l.getStyleClass().add("text-muted");
            getChildren().add(l);
        }
    }
}
