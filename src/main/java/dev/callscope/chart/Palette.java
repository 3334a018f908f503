package dev.callscope.chart;

/** Colours for drawn charts, light or dark, close to the app theme (AtlantaFX Primer). */
public record Palette(
        int background,
        int foreground,
        int muted,
        int grid,
        int queue,
        int coldStart,
        int run,
        int failure,
        int timeout,
        int initFailure,
        int terminated,
        int selection,
        boolean dark) {

    public static Palette light() {
        return new Palette(
                0xffffff, 0x1f2328, 0x656d76, 0xd0d7de, 0xd4a72c, 0x8250df, 0x1f883d, 0xcf222e, 0xbc4c00, 0xa40e26,
                0x57606a, 0x0969da, false);
    }

    public static Palette darkTheme() {
        return new Palette(
                0x0d1117, 0xe6edf3, 0x8d96a0, 0x30363d, 0xbb8009, 0xa371f7, 0x2ea043, 0xf85149, 0xdb6d28, 0xff7b72,
                0x8b949e, 0x58a6ff, true);
    }

    public static Palette of(boolean dark) {
        return dark ? darkTheme() : light();
    }

    private static final int[] CATEGORIES_LIGHT = {
        0x0969da, 0x1f883d, 0x8250df, 0xbc4c00, 0xbf3989, 0x1b7c83, 0x9a6700, 0x6e7781
    };
    private static final int[] CATEGORIES_DARK = {
        0x58a6ff, 0x3fb950, 0xa371f7, 0xdb6d28, 0xdb61a2, 0x39c5cf, 0xd29922, 0x8b949e
    };

    /** The i-th of eight distinct colours for categories (functions in a stacked chart); wraps around. */
    public int category(int i) {
        int[] c = dark ? CATEGORIES_DARK : CATEGORIES_LIGHT;
        return c[Math.floorMod(i, c.length)];
    }
}
