package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.vcp.infra.SampleData;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.model.Json;
import org.junit.jupiter.api.Test;

/**
 * The real market and the generated one in one database, each served by scanners of its own dataset; and two
 * replicas of the real one, each holding the market in memory.
 */
class DatasetsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SCAN = "{\"market\": \"ALL\", \"top_n\": 100, \"min_score\": 0}";

    @Test
    void theSyntheticDatasetBesideTheRealOneChangesNothingOfItAndIsDroppedWhole() throws Exception {
        SharedServers.Database db = TestSystem.database("datasets");
        String kafka = SharedServers.kafkaBootstrap();
        ServiceProcess real = null;
        ServiceProcess synthetic = null;
        try {
            real = TestSystem.scanner("real-scanner", TestSystem.env(db, kafka, "VCP_DATASET", "krx"));
            List<String> tickers = SampleData.load(real.baseUri(), TestSystem.WRITE_KEY, Path.of(System.getProperty("vcp.sample-data")),
                    t -> true);
            JsonNode before = TestSystem.scan(real, SCAN);
            Map<String, String> ratingsBefore = ratings(real, tickers);
            assertTrue(before.path("counts").path("universe").asInt() >= 50, before.path("counts").toString());

            HttpResponse<String> refused = post(real.baseUri().resolve("/market-data/generate"), "{\"tickers\": 50}");
            assertEquals(403, refused.statusCode(), refused.body());

            synthetic = TestSystem.scanner("synthetic-scanner", TestSystem.env(db, kafka));
            TestSystem.loadSample(synthetic);
            JsonNode generatedScan = TestSystem.scan(synthetic, SCAN);
            assertTrue(generatedScan.path("counts").path("universe").asInt() >= 400);

            JsonNode after = TestSystem.scan(real, SCAN);
            assertEquals(before.path("counts"), after.path("counts"));
            assertEquals(signals(before), signals(after));
            assertEquals(ratingsBefore, ratings(real, tickers));

            Map<String, String> realRows = TestSystem.checksums(db, "krx");
            synthetic.close();
            synthetic = null;
            TestSystem.execute(db, "DROP SCHEMA synthetic CASCADE");
            assertEquals(realRows, TestSystem.checksums(db, "krx"));
            assertEquals(signals(before), signals(TestSystem.scan(real, SCAN)));
        } finally {
            TestSystem.stopAll(synthetic, real);
        }
    }

    @Test
    void anImportOnOneReplicaIsInTheNextScanAndAnalysisOfAnother() throws Exception {
        SharedServers.Database db = TestSystem.database("replicas");
        var env = TestSystem.env(db, SharedServers.kafkaBootstrap(), "VCP_DATASET", "krx");
        ServiceProcess a = null;
        ServiceProcess b = null;
        try {
            a = TestSystem.scanner("import-replica-a", env);
            b = TestSystem.scanner("import-replica-b", env);
            TestSystem.awaitReady(b, java.time.Duration.ofSeconds(30));
            SampleData.load(a.baseUri(), TestSystem.WRITE_KEY, Path.of(System.getProperty("vcp.sample-data")), t -> true);

            JsonNode onA = TestSystem.scan(a, SCAN);
            JsonNode onB = TestSystem.scan(b, SCAN);
            assertEquals(onA.path("counts"), onB.path("counts"));
            assertEquals(signals(onA), signals(onB));

            // One more day of one stock, imported through replica A only.
            HttpResponse<String> imported = post(a.baseUri().resolve("/market-data/bars/005930"),
                    "날짜,시가,고가,저가,종가,거래량,등락률\n2025-06-18,58500,60100,58300,59900,21000000,2.48\n");
            assertEquals(200, imported.statusCode(), imported.body());
            JsonNode analysis = Json.MAPPER.readTree(TestSystem.get(b.baseUri().resolve("/analysis/005930")));
            assertEquals("2025-06-18", analysis.path("as_of").asText());
            assertEquals(59900, analysis.path("close").asInt());
            assertEquals("2025-06-18", TestSystem.scan(b, SCAN).path("signal_date").asText());
        } finally {
            TestSystem.stopAll(b, a);
        }
    }

    /** The signals of a scan without their creation time. */
    private static List<JsonNode> signals(JsonNode scan) {
        List<JsonNode> signals = new ArrayList<>();
        scan.path("signals").forEach(s -> {
            ObjectNode copy = s.deepCopy();
            copy.remove("created_at");
            signals.add(copy);
        });
        return signals;
    }

    /** Each ticker's RS rating and verdict as the scanner explains it. */
    private static Map<String, String> ratings(ServiceProcess scanner, List<String> tickers) throws Exception {
        Map<String, String> ratings = new LinkedHashMap<>();
        for (String ticker : tickers) {
            JsonNode analysis = Json.MAPPER.readTree(TestSystem.get(scanner.baseUri().resolve("/analysis/" + ticker)));
            ratings.put(ticker, analysis.path("rs_rating").asText() + " " + analysis.path("verdict").asText());
        }
        return ratings;
    }

    private static HttpResponse<String> post(URI uri, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header(SharedServers.WRITE_KEY_HEADER, TestSystem.WRITE_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
