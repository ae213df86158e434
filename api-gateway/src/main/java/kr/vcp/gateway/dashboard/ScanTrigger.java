package kr.vcp.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import kr.vcp.model.ApiError;
import kr.vcp.model.Json;

/**
 * The dashboard's scan button in our terms and back (contract.md, {@code POST /api/kr/scan/vcp}): its query parameters
 * become a {@code POST /scan} body, and the scanner's answer becomes the panel's.
 *
 * <ul>
 *   <li>{@code market}: KOSPI or KOSDAQ; absent, both.</li>
 *   <li>{@code min_score}: the dashboard's 0..100 scale, mapped to the engine's 0..10 by tens rounded up (70 is 7,
 *   65 is 7).</li>
 *   <li>{@code min_grade}: S, A, B or C, passed on: the scanner keeps signals of that grade or better (the grade is
 *   not a band of the score; README, "An honest grade"); with {@code min_score}, both apply.</li>
 * </ul>
 */
final class ScanTrigger {

    /** Signals a scan from the panel keeps: a full page of the VCP view. */
    static final int TOP_N = 50;

    private static final List<String> GRADES = List.of("S", "A", "B", "C");

    private ScanTrigger() {
    }

    /** The scanner's request body, or the violations that refuse it. */
    record Request(String body, List<ApiError.Violation> violations) {
    }

    static Request request(String market, String minScore, String minGrade) {
        List<ApiError.Violation> faults = new java.util.ArrayList<>();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("top_n", TOP_N);
        if (market == null || market.isBlank()) {
            body.put("market", "ALL");
        } else if (List.of("KOSPI", "KOSDAQ").contains(market.trim().toUpperCase(Locale.ROOT))) {
            body.put("market", market.trim().toUpperCase(Locale.ROOT));
        } else {
            faults.add(new ApiError.Violation("market", "must be KOSPI or KOSDAQ, or absent for both; was '" + market + "'"));
        }
        Integer floor = null;
        if (minScore != null && !minScore.isBlank()) {
            try {
                int v = Integer.parseInt(minScore.trim());
                if (v < 0 || v > 100) {
                    throw new NumberFormatException();
                }
                floor = (v + 9) / 10;
            } catch (NumberFormatException e) {
                faults.add(new ApiError.Violation("min_score", "must be a whole number from 0 to 100 (the dashboard's"
                        + " scale; 70 asks for a score of at least 7 of 10); was '" + minScore + "'"));
            }
        }
        if (minGrade != null && !minGrade.isBlank()) {
            String g = minGrade.trim().toUpperCase(Locale.ROOT);
            if (GRADES.contains(g)) {
                body.put("min_grade", g);
            } else {
                faults.add(new ApiError.Violation("min_grade", "must be one of S, A, B, C; was '" + minGrade + "'"));
            }
        }
        if (floor != null) {
            body.put("min_score", floor);
        }
        return new Request(Json.write(body), faults);
    }

    /** The panel's answer to a scan the scanner ran ({@code scan} is its 200 body). */
    static ObjectNode completed(JsonNode scan) {
        ObjectNode out = answer("completed", scan.path("counts").path("analysed").asInt(),
                scan.path("counts").path("signals").asInt(), scan.path("started_at").asText(null),
                scan.path("finished_at").asText(null), null);
        ArrayNode signals = out.putArray("signals");
        for (JsonNode s : scan.path("signals")) {
            ObjectNode row = signals.addObject();
            for (String field : List.of("ticker", "name", "signal_type", "score", "grade", "entry_price", "target_price")) {
                row.set(field, s.get(field));
            }
            row.set("detected_at", s.get("created_at"));
        }
        return out;
    }

    /** The panel's answer to a scan that did not run: {@code message} says why. */
    static ObjectNode failed(String message) {
        ObjectNode out = answer("error", 0, 0, null, null, message);
        out.putArray("signals");
        return out;
    }

    private static ObjectNode answer(String status, int scanned, int found, String startedAt, String completedAt,
            String error) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("status", status);
        out.put("scanned_count", scanned);
        out.put("found_signals", found);
        out.put("started_at", startedAt);
        out.put("completed_at", completedAt);
        out.put("error_message", error);
        return out;
    }
}
