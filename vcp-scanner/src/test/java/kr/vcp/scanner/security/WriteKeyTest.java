package kr.vcp.scanner.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.scanner.SampleMarket;
import kr.vcp.scanner.WriteKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading is open; every write needs the write key, and without it stores nothing. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class WriteKeyTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @BeforeEach
    void loadMarket() {
        SampleMarket.load();
    }

    @Test
    void everyWriteWithoutTheKeyOrWithAWrongOneIs401AndStoresNothing() throws Exception {
        long scans = count("scans");
        long bars = count("daily_bars");
        long changes = count("market_changes");
        List<String[]> writes = List.of(
                new String[] {"/scan", "application/json", "{\"market\": \"ALL\"}"},
                new String[] {"/market-data/bars/005930", "text/csv", "날짜,시가,고가,저가,종가,거래량,등락률\n"
                        + "2025-06-18,1,1,1,1,1,0\n"},
                new String[] {"/market-data/stocks", "text/csv", "ticker,name,market\n999990,가짜,KOSPI\n"},
                new String[] {"/market-data/import-directory", "application/json", "{\"path\": \".\"}"},
                new String[] {"/market-data/generate", "application/json", "{}"});
        for (String[] write : writes) {
            for (String key : new String[] {null, "wrong-key", ""}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(write[0]))
                        .header("Content-Type", write[1]).POST(HttpRequest.BodyPublishers.ofString(write[2]));
                if (key != null) {
                    request.header(WriteKeyFilter.HEADER, key);
                }
                HttpResponse<String> response = HTTP.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(401, response.statusCode(), write[0] + " with " + key + ": " + response.body());
                assertTrue(response.body().contains("\"error\":\"unauthorized\""), response.body());
            }
        }
        assertEquals(scans, count("scans"));
        assertEquals(bars, count("daily_bars"));
        assertEquals(changes, count("market_changes"));
    }

    @Test
    void readingNeedsNoKeyAndWritingWithItWorks() throws Exception {
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(base.resolve("/analysis/005930")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, read.statusCode(), read.body());
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(base.resolve("/scan"))
                .header("Content-Type", "application/json").header(WriteKeyFilter.HEADER, WriteKey.TEST_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"market\": \"KOSPI\"}")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, write.statusCode(), write.body());
    }

    private long count(String table) {
        return pool.query("SELECT count(*) AS n FROM " + table).execute().await().indefinitely().iterator().next()
                .getLong("n");
    }
}
