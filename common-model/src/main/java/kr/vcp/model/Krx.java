package kr.vcp.model;

import java.time.ZoneId;

/** Facts of the Korea Exchange that both services rely on. */
public final class Krx {

    /** Contract: {@code created_at} and {@code data.timestamp} are local Korean time without an offset. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

    private Krx() {
    }
}
