package kr.vcp.scanner.errors;

/**
 * Text a client sent (a file's name, a value of a line it could not read), made safe for a plain-text log line:
 * control characters are written as a backslash, u and four hex digits, so a line break inside a CSV field or a file
 * name cannot forge a log line of its own, nor a NUL make the log a binary file. Korean and all other printable text
 * stays as it is. The JSON answer keeps the text exactly; JSON logs ({@code VCP_LOG_JSON}) escape it themselves.
 */
public final class LogText {

    private LogText() {
    }

    public static String of(String text) {
        if (text == null || text.chars().noneMatch(LogText::isControl)) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (isControl(c)) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.append((char) c);
            }
        });
        return safe.toString();
    }

    /** C0 and C1 controls and DEL, and the Unicode line and paragraph separators. */
    private static boolean isControl(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
