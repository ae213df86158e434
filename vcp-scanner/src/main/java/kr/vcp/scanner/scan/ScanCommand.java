package kr.vcp.scanner.scan;

import java.time.LocalDate;
import kr.vcp.model.MarketScope;

/**
 * A validated request to scan.
 *
 * @param asOf the trading day to scan as of, or {@code null} for the newest stored
 */
public record ScanCommand(MarketScope scope, int topN, int minScore, LocalDate asOf) {
}
