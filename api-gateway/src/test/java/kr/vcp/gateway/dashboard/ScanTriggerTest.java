package kr.vcp.gateway.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import kr.vcp.model.Json;
import org.junit.jupiter.api.Test;

class ScanTriggerTest {

    private static JsonNode body(String market, String minScore, String minGrade) {
        ScanTrigger.Request r = ScanTrigger.request(market, minScore, minGrade);
        assertTrue(r.violations().isEmpty(), r.violations().toString());
        return Json.treeOrNull(r.body());
    }

    @Test
    void theDashboardsHundredPointScoreIsMappedToTensRoundedUp() {
        assertEquals(7, body("KOSPI", "70", null).get("min_score").asInt());
        assertEquals(7, body("KOSPI", "65", null).get("min_score").asInt());
        assertEquals(0, body("KOSPI", "0", null).get("min_score").asInt());
        assertEquals(10, body("KOSPI", "100", null).get("min_score").asInt());
    }

    @Test
    void aMinimumGradeIsPassedOnBesideTheScore() {
        assertEquals("S", body(null, null, "S").get("min_grade").asText());
        assertEquals("B", body(null, null, "b").get("min_grade").asText());
        assertTrue(body(null, null, "b").path("min_score").isMissingNode(), "a grade is no band of the score");
        JsonNode both = body(null, "80", "A");
        assertEquals(8, both.get("min_score").asInt());
        assertEquals("A", both.get("min_grade").asText());
        assertEquals(List.of(new kr.vcp.model.ApiError.Violation("min_grade", "must be one of S, A, B, C; was 'X'")),
                ScanTrigger.request(null, null, "X").violations());
    }

    @Test
    void noMarketScansBothAndNoScoreLeavesTheScannersDefault() {
        JsonNode body = body(null, null, null);
        assertEquals("ALL", body.get("market").asText());
        assertTrue(body.path("min_score").isMissingNode());
        assertEquals(ScanTrigger.TOP_N, body.get("top_n").asInt());
        assertEquals("KOSDAQ", body("kosdaq", null, null).get("market").asText());
    }

    @Test
    void aScansAnswerBecomesThePanelsWithDetectedAt() {
        JsonNode scan = Json.treeOrNull("""
                {"counts": {"universe": 600, "analysed": 420, "signals": 1}, "started_at": "2026-12-02T06:40:00Z",
                 "finished_at": "2026-12-02T06:40:01Z", "signals": [{"ticker": "005930", "name": "삼성전자",
                 "signal_type": "VCP", "score": 8, "grade": "A", "entry_price": 75000, "target_price": 82000,
                 "stop_loss": 72000, "created_at": "2026-12-02T15:40:01"}]}""");

        JsonNode panel = ScanTrigger.completed(scan);

        assertEquals("completed", panel.get("status").asText());
        assertEquals(420, panel.get("scanned_count").asInt());
        assertEquals(1, panel.get("found_signals").asInt());
        assertEquals("2026-12-02T06:40:00Z", panel.get("started_at").asText());
        assertEquals("2026-12-02T06:40:01Z", panel.get("completed_at").asText());
        assertTrue(panel.get("error_message").isNull());
        JsonNode signal = panel.get("signals").get(0);
        assertEquals("2026-12-02T15:40:01", signal.get("detected_at").asText());
        assertEquals(75000, signal.get("entry_price").asLong());
        assertTrue(signal.path("stop_loss").isMissingNode());
    }
}
