package kr.vcp.scanner.marketdata;

import java.util.ArrayList;
import java.util.List;

/** The small part of CSV that market data files use: commas, optional double quotes, a UTF-8 BOM. */
final class Csv {

    private static final char BOM = '\uFEFF';

    private Csv() {
    }

    /** Lines of a file, BOM removed, line endings of any platform. */
    static List<String> lines(String content) {
        String text = !content.isEmpty() && content.charAt(0) == BOM ? content.substring(1) : content;
        return text.lines().toList();
    }

    /** The fields of one line, each trimmed; a quoted field may hold commas and doubled quotes. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
