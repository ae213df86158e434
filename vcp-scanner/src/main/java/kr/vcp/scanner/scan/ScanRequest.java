package kr.vcp.scanner.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import kr.vcp.model.Grade;
import kr.vcp.model.MarketScope;
import kr.vcp.scanner.config.ScannerConfig;

/**
 * A {@code POST /scan} body: {@code {"market": "KOSPI"|"KOSDAQ"|"ALL", "top_n": 1..100, "min_score": 0..10,
 * "min_grade": "S"|"A"|"B"|"C", "as_of": "YYYY-MM-DD"}}, each optional; unknown fields are refused.
 */
public record ScanRequest(
        @JsonProperty("market")
        @Pattern(regexp = "(?i)\\s*(KOSPI|KOSDAQ|ALL)\\s*", message = "must be one of \"KOSPI\", \"KOSDAQ\", \"ALL\"")
        String market,
        @JsonProperty("top_n")
        @Min(value = 1, message = "must be an integer from 1 to 100")
        @Max(value = 100, message = "must be an integer from 1 to 100")
        Integer topN,
        @JsonProperty("min_score")
        @Min(value = 0, message = "must be an integer from 0 to 10")
        @Max(value = 10, message = "must be an integer from 0 to 10")
        Integer minScore,
        @JsonProperty("as_of") @PastOrPresent(message = "must be a trading day, not after today") LocalDate asOf,
        @JsonProperty("min_grade")
        @Pattern(regexp = "(?i)\\s*[SABC]\\s*", message = "must be one of \"S\", \"A\", \"B\", \"C\"")
        String minGrade) {

    /** An empty body: every default. */
    static final ScanRequest DEFAULTS = new ScanRequest(null, null, null, null, null);

    ScanCommand command(ScannerConfig.Scan defaults) {
        return new ScanCommand(MarketScope.of(market),
                topN == null ? defaults.defaultTopN() : topN,
                minScore == null ? defaults.defaultMinScore() : minScore, asOf,
                minGrade == null ? null : Grade.valueOf(minGrade.trim().toUpperCase(java.util.Locale.ROOT)));
    }
}
