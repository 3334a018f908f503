package dev.callscope.profiles;

import dev.callscope.profiles.ProfileForm.Field;
import java.net.IDN;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** The connection form's checks of a typed path and host: what the file system and the HTTP client accept. */
final class FieldChecks {

    private FieldChecks() {}

    private static final int MAX_PATH = 4096;
    static final Pattern CONTROL =
            Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]");
    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:.]+(?:%[a-z0-9_.-]+)?");

    /** A path that exists as a string the file system accepts, absolute (or under ~). */
    static String path(String text, Path home, Field field, String empty, Map<Field, String> errors) {
        if (text.isEmpty()) {
            errors.put(field, empty);
            return null;
        }
        if (text.length() > MAX_PATH || CONTROL.matcher(text).find()) {
            errors.put(field, "Not a usable path (too long, or with control characters)");
            return null;
        }
        try {
            Path p = text.equals("~") ? home : text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
            if (!p.isAbsolute()) {
                errors.put(field, "Give the full path, starting at the root (or ~/ for your home)");
                return null;
            }
            return p.normalize().toString();
        } catch (InvalidPathException e) {
            errors.put(field, "Not a valid path on this system: " + e.getReason());
            return null;
        }
    }

    /** A host name (as ASCII) or IP address, from the text typed; null with the reason in {@code errors}. */
    static String host(String typed, Map<Field, String> errors) {
        String h = typed == null ? "" : typed.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            errors.put(Field.HOST, "Enter the server's host name or IP address");
            return null;
        }
        if (h.contains("://") || h.contains("/")) {
            errors.put(Field.HOST, "Only the host name here (paste a full URL into the URL field)");
            return null;
        }
        if (h.contains(":")) {
            if (IPV6.matcher(h).matches() && h.length() <= 64) {
                return h;
            }
            errors.put(Field.HOST, "Not a host name or IP address (put the port in its own field)");
            return null;
        }
        if (h.length() > 253) {
            errors.put(Field.HOST, "Not a valid host name: at most 253 characters");
            return null;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
        } catch (RuntimeException e) { // IllegalArgumentException, or a plain one for odd input
            errors.put(Field.HOST, "Not a valid host name");
            return null;
        }
        if (ascii.length() > 253 || !HOST_NAME.matcher(ascii).matches()) {
            errors.put(Field.HOST, "Not a valid host name: letters, digits, dots and dashes only");
            return null;
        }
        return ascii;
    }
}
