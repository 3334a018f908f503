package dev.callscope.profiles;

import dev.callscope.engine.Guardrails;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the limit fields as people type them: {@code 30}, {@code 30s}, {@code 2m};
 * {@code 10,000,000} rows; {@code 2 GiB}, {@code 512MB}, {@code 1.5G} bytes (binary units).
 * Every reader either returns a value in range or throws with a sentence saying what it expects.
 */
final class LimitText {

    private static final Pattern SECONDS = Pattern.compile("(\\d{1,6})\\s*(s|sec|m|min|h)?");
    private static final Pattern COUNT = Pattern.compile("\\d{1,3}(?:[,_ \u00a0\u202f]?\\d{3})*|\\d{1,19}");
    private static final Pattern SIZE =
            Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?");
    static final long MAX_COUNT = 1_000_000_000_000L;
    static final long MAX_SIZE = 1L << 50; // 1 PiB

    private LimitText() {}

    static int seconds(String text) {
        Matcher m = SECONDS.matcher(normal(text));
        if (!m.matches()) {
            throw new IllegalArgumentException("Enter seconds (30), or 30s, 2m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long s = switch (unit) {
            case "m", "min" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
        if (s < 1 || s > Guardrails.MAX_SECONDS) {
            throw new IllegalArgumentException("Between 1 s and 24 h");
        }
        return (int) s;
    }

    static long count(String text) {
        String t = normal(text);
        if (!COUNT.matcher(t).matches()) {
            throw new IllegalArgumentException("Enter a whole number of rows, like 10000000 or 10,000,000");
        }
        BigDecimal n = new BigDecimal(t.replaceAll("[^0-9]", ""));
        if (n.signum() <= 0 || n.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
            throw new IllegalArgumentException("Between 1 and 1,000,000,000,000 rows");
        }
        return n.longValueExact();
    }

    static long bytes(String text) {
        Matcher m = SIZE.matcher(normal(text));
        if (!m.matches()) {
            throw new IllegalArgumentException("Enter a size like 2 GiB, 512 MiB or a number of bytes");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        BigDecimal value = n.multiply(BigDecimal.valueOf(1L << shift));
        if (value.compareTo(BigDecimal.valueOf(1024)) < 0 || value.compareTo(BigDecimal.valueOf(MAX_SIZE)) > 0) {
            throw new IllegalArgumentException("Between 1 KiB and 1 PiB");
        }
        return value.longValue();
    }

    static String formatCount(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The largest binary unit that shows the value exactly to two decimals: 2 GiB, 1.5 GiB, 1000 B. */
    static String formatBytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        for (int u = units.length - 1; u > 0; u--) {
            long unit = 1L << (10 * u);
            if (n >= unit && (n * 100) % unit == 0) {
                BigDecimal v =
                        BigDecimal.valueOf(n).divide(BigDecimal.valueOf(unit)).stripTrailingZeros();
                return v.toPlainString() + " " + units[u];
            }
        }
        return n + " B";
    }

    private static String normal(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
