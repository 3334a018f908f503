package dev.callscope.ui.common;

import java.io.File;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;

/** The "Export" menu every chart has: PNG, PNG at 2x, SVG and (for data charts) CSV, each through a save dialog. */
public final class ExportMenu {

    /** Writes the chart to a file in a format ({@code png}, {@code svg}, {@code csv}) at a scale. */
    @FunctionalInterface
    public interface Target {
        void export(Path destination, String format, int scale);
    }

    private ExportMenu() {}

    public static MenuButton create(
            String id, String text, String fileStem, boolean withCsv, Node owner, Target target) {
        MenuButton menu = new MenuButton(text);
        menu.setId(id);
        String[][] formats = withCsv
                ? new String[][] {
                    {"PNG…", "png", "1"}, {"PNG at 2x…", "png", "2"}, {"SVG…", "svg", "1"}, {"CSV…", "csv", "1"}
                }
                : new String[][] {{"PNG…", "png", "1"}, {"PNG at 2x…", "png", "2"}, {"SVG…", "svg", "1"}};
        for (String[] f : formats) {
            MenuItem item = new MenuItem(f[0]);
            item.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(text);
                chooser.setInitialFileName(fileStem + "." + f[1]);
                File file = chooser.showSaveDialog(
                        owner.getScene() == null ? null : owner.getScene().getWindow());
                if (file != null) {
                    target.export(file.toPath(), f[1], Integer.parseInt(f[2]));
                }
            });
            menu.getItems().add(item);
        }
        return menu;
    }
}
