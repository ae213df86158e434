package kr.vcp.model;

import java.time.ZoneId;

/** Facts of the Korea Exchange that both services rely on. */
public final class Krx {

    /** Contract: {@code created_at} and {@code data.timestamp} are local Korean time without an offset. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

    private Krx() {
    }

    /**
     * A KRX code from what a person or a file wrote: trimmed, in capitals, and digits that lost their leading zeros (a
     * spreadsheet did it) given them back ({@code 5930} is {@code 005930}).
     *
     * @throws IllegalArgumentException when it is no KRX code (six digits or capital letters)
     */
    public static String ticker(String raw) {
        String t = raw == null ? "" : raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.matches("\\d{1,5}")) {
            t = "0".repeat(6 - t.length()) + t;
        }
        if (!Topics.isKrxCode(t)) {
            throw new IllegalArgumentException("ticker must be 6 digits or capital letters, was '" + raw + "'");
        }
        return t;
    }
}
