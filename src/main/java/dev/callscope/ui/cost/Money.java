package dev.callscope.ui.cost;

import java.util.Locale;

/** How the Cost tab writes dollars: cents with thousands separators; below a cent, four decimals rather than "$0.00". */
final class Money {

    private Money() {
    }

    static String format(double dollars) {
        if (Double.isNaN(dollars)) {
            return "—";
        }
        return dollars != 0 && Math.abs(dollars) < 0.01
                ? String.format(Locale.ROOT, "$%.4f", dollars)
                : String.format(Locale.ROOT, "$%,.2f", dollars);
    }

    /** GPU- or container-seconds: whole seconds with separators. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%,.0f s", s);
    }

    static String share(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
