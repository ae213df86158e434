package kr.vcp.scanner.marketdata;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A line an import left out, and why: reported, never silently dropped. */
public record SkippedLine(
        @JsonProperty("source") String source,
        @JsonProperty("line") int line,
        @JsonProperty("reason") String reason) {
}
