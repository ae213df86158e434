package kr.vcp.scanner.scan;

import kr.vcp.scanner.errors.JsonBody;
import java.util.Set;
import kr.vcp.scanner.config.ScannerConfig;

/**
 * Reads a {@code POST /scan} body: {@code {"market": "KOSPI"|"KOSDAQ"|"ALL", "top_n": 1..100, "min_score": 0..10,
 * "as_of": "YYYY-MM-DD"}}, each optional.
 */
final class ScanRequestReader {

    private ScanRequestReader() {
    }

    static ScanCommand read(String body, ScannerConfig.Scan defaults) {
        JsonBody json = JsonBody.parse(body, Set.of("market", "top_n", "min_score", "as_of"),
                "{\"market\": \"KOSPI\", \"top_n\": 5, \"min_score\": 7}");
        MarketScope scope = json.choice("market", MarketScope.class, MarketScope.ALL);
        int topN = (int) json.integer("top_n", 1, 100, defaults.defaultTopN());
        int minScore = (int) json.integer("min_score", 0, 10, defaults.defaultMinScore());
        var asOf = json.date("as_of", null);
        json.validate();
        return new ScanCommand(scope, topN, minScore, asOf);
    }
}
