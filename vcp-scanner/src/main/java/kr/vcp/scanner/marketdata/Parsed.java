package kr.vcp.scanner.marketdata;

import java.util.List;

/** What a file yielded: the rows to store and the lines that were left out. */
public record Parsed<T>(List<T> rows, List<SkippedLine> skipped) {
}
