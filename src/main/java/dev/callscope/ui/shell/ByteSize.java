package dev.callscope.ui.shell;

import java.util.Locale;

/** Byte counts for people: 512 B, 1.5 KB, 3.2 GB (powers of 1024). */
final class ByteSize {

    private ByteSize() {}

    static String readable(long n) {
        if (n < 0) {
            return "? bytes";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
