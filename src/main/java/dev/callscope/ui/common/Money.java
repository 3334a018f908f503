package dev.callscope.ui.common;

import java.util.Locale;

/** How the tabs write dollars (as the Cost tab does): cents with thousands separators; below a cent, four decimals rather than "$0.00". */
public final class Money {

    private Money() {}

    public static String format(double dollars) {
        if (Double.isNaN(dollars)) {
            return "—";
        }
        return dollars != 0 && Math.abs(dollars) < 0.01
                ? String.format(Locale.ROOT, "$%.4f", dollars)
                : String.format(Locale.ROOT, "$%,.2f", dollars);
    }

    /** GPU- or container-seconds: whole seconds with separators. */
    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%,.0f s", s);
    }

    public static String share(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
