package kr.vcp.scanner.backtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.Map;

/**
 * A {@code POST /backtest} body: {@code {"from": "2025-01-02", "to": "2025-05-30", "market": "ALL", "min_score": 7,
 * "top_n": 20, "parameters": {"reward_to_risk": 3}}}; {@code market}, {@code min_score}, {@code top_n} and
 * {@code parameters} optional (the scan's defaults, and the configured engine).
 */
public record BacktestRequest(
        @JsonProperty("from") @NotNull(message = "is required: the first trading day to scan") LocalDate from,
        @JsonProperty("to") @NotNull(message = "is required: the last trading day to scan") LocalDate to,
        @JsonProperty("market")
        @Pattern(regexp = "(?i)\\s*(KOSPI|KOSDAQ|ALL)\\s*", message = "must be one of \"KOSPI\", \"KOSDAQ\", \"ALL\"")
        String market,
        @JsonProperty("min_score")
        @Min(value = 0, message = "must be an integer from 0 to 10")
        @Max(value = 10, message = "must be an integer from 0 to 10")
        Integer minScore,
        @JsonProperty("top_n")
        @Min(value = 1, message = "must be an integer from 1 to 100")
        @Max(value = 100, message = "must be an integer from 1 to 100")
        Integer topN,
        @JsonProperty("parameters") Map<String, Double> parameters) {
}
