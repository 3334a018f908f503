package dev.callscope.testing;

import java.util.List;

/** Text people (and attackers) paste into fields: control characters, scripts, SQL, paths, huge and odd numbers. */
public final class HostileText {

    private HostileText() {
    }

    public static final List<String> SAMPLES = List.of("", " ", "\t", "\n", "\r\n", "\0", "\u0007bell", "a\u0000b", "'; DROP TABLE x; --",
            "\" OR 1=1 --", "{id:String}", "${jndi:ldap://x/a}", "%s%s%n", "../../../../etc/passwd", "C:\\Windows\\System32",
            "~", "~/", "/", "//", "\\\\server\\share", "http://", "https://", "jdbc:clickhouse:", "jdbc:ch://", "https://user:pw@host",
            "https://[::1", "https://h:99999999999", "https://h:-1", "h%zz", "jdbc:clickhouse://h/db?user=%", "::", "[::1]", "1.2.3.4.5",
            "-1", "0", "65535", "65536", "1e309", "NaN", "Infinity", "0x10", "٣٠", "３０", "1,000,000,000,000,000", "18446744073709551616",
            "9".repeat(400), "a".repeat(100_000), "é".repeat(300), "🚀".repeat(50), "\u202eevil\u202c", "\u200b", "\ufeffbom",
            "日本語のデータベース", "<script>alert(1)</script>", "null", "true", "{\"json\": 1}", "2 GiB", "2 TiB", "30s", "2m");
}
