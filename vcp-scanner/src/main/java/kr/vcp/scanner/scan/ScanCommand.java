package kr.vcp.scanner.scan;

import java.time.LocalDate;
import kr.vcp.model.Grade;
import kr.vcp.model.MarketScope;

/**
 * A validated request to scan.
 *
 * @param asOf     the trading day to scan as of, or {@code null} for the newest stored
 * @param minGrade the lowest grade kept, or {@code null} for any
 */
public record ScanCommand(MarketScope scope, int topN, int minScore, LocalDate asOf, Grade minGrade) {
}
