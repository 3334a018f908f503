package dev.callscope.ui.logs;

import dev.callscope.logs.LogLine;
import dev.callscope.testing.NonClosingEngine;
import dev.callscope.testing.TestEngine;
import dev.callscope.ui.common.Executors;
import dev.callscope.ui.common.TimeZoneChoice;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/** The Logs tab alone on a stage, styled as in the app, reading the shared demo data. */
final class DemoLogsStage {

    private DemoLogsStage() {}

    static LogsView show(Stage stage) {
        LogsView view = new LogsView(Executors.queries(), new TimeZoneChoice(), stats -> {});
        Scene scene = new Scene(view, 1300, 760);
        scene.getStylesheets()
                .add(LogsView.class
                        .getResource("/dev/callscope/ui/callscope.css")
                        .toExternalForm());
        stage.setScene(scene);
        stage.show();
        view.setEngine(new NonClosingEngine(TestEngine.shared()));
        return view;
    }

    @SuppressWarnings("unchecked")
    static TableView<LogLine> lines(FxRobot robot) {
        return robot.lookup("#log-table").queryAs(TableView.class);
    }
}
