package kr.vcp.scanner.marketdata;

import kr.vcp.scanner.SampleMarket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class BulkImportTest {

    private static final String FLOW_HEADER = "날짜,기관합계,기타법인,개인,외국인합계,전체\n";

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aZipOfMastersBarsAndFlowsIsImportedOnceAndReportsWhatItLeftOut() throws IOException {
        byte[] upload = zip(
                "krx/stocks.csv", "ticker,name,market\nZ00010,압축전자,KOSPI\nZ00020,압축바이오,KOSDAQ\n",
                "krx/prices/Z00010.csv", "\uFEFF날짜,시가,고가,저가,종가,거래량,등락률\n2024-03-04,1000,1100,990,1050,5000,5.0\n"
                        + "2024-03-05,1050,1080,1000,1010,4000,-3.8\n",
                "krx/prices/Z00020.csv", "날짜,시가,고가,저가,종가,거래량,등락률\n2024-03-04,2000,2100,1990,2050,5000,2.5\n"
                        + "2024-03-05,broken\n",
                "krx/flows/Z00010.csv", FLOW_HEADER + "2024-03-04,-100000000,5000000,80000000,15000000,0\n",
                "krx/notes.csv", "what,ever\n1,2\n",
                "krx/prices/not-a-ticker.csv", "날짜,시가,고가,저가,종가,거래량,등락률\n2024-03-04,1,1,1,1,1,0\n");

        given().contentType("application/zip").body(upload).post("/market-data/import").then().statusCode(200)
                .body("files", equalTo(6))
                .body("stocks", equalTo(2))
                .body("tickers_with_bars", equalTo(2))
                .body("bars", equalTo(3))
                .body("flows", equalTo(1))
                .body("changed", equalTo(6))
                .body("skipped[0].source", equalTo("krx/prices/Z00020.csv"))
                .body("skipped[0].line", equalTo(3))
                .body("rejected.source", hasItem("krx/notes.csv"))
                .body("rejected.source", hasItem("krx/prices/not-a-ticker.csv"));

        given().contentType("application/zip").body(upload).post("/market-data/import").then().statusCode(200)
                .body("changed", equalTo(0));
    }

    @Test
    void aZipEntryOverThePerFileCapIsRefusedNamingItAndNothingIsStored() throws IOException {
        // 17 MB of bars, a few KB once compressed: the cap is checked on what the entry unpacks to.
        String line = "2024-03-04,1000,1100,990,1050,5000,5.0\n";
        byte[] upload = zip(
                "bomb/stocks.csv", "ticker,name,market\nZ00030,폭탄전자,KOSPI\n",
                "bomb/prices/Z00030.csv", "날짜,시가,고가,저가,종가,거래량,등락률\n" + line.repeat(17 * 1024 * 1024 / line.length()));

        given().contentType("application/zip").body(upload).post("/market-data/import").then().statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", equalTo("bomb/prices/Z00030.csv holds more than 16777216 bytes"));
        given().get("/stocks/Z00030").then().statusCode(404);
    }

    @Test
    void aFolderOnTheServerIsImportedInBulk() {
        given().contentType("application/json").body("{\"path\": \"src/test/resources/krx\"}")
                .post("/market-data/import-directory").then().statusCode(200)
                .body("stocks", equalTo(SampleMarket.TICKERS.size()))
                .body("tickers_with_bars", equalTo(SampleMarket.TICKERS.size()))
                .body("bars", equalTo(12 * 370));
    }

    @Test
    void linksOutOfTheImportRootAreNeverFollowedAndAPathWithANulIsABadRequest() throws Exception {
        String name = "link-import-" + System.nanoTime();
        java.nio.file.Path folder = java.nio.file.Path.of("target", name);
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.writeString(folder.resolve("stocks.csv"), "ticker,name,market\nL00010,링크전자,KOSPI\n");
        java.nio.file.Files.createSymbolicLink(folder.resolve("passwd.csv"), java.nio.file.Path.of("/etc/passwd"));
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target", "link-out"));
        java.nio.file.Files.createSymbolicLink(java.nio.file.Path.of("target", "link-out"), java.nio.file.Path.of("/etc"));

        given().contentType("application/json").body("{\"path\": \"target/" + name + "\"}")
                .post("/market-data/import-directory").then().statusCode(200)
                .body("files", equalTo(1)).body("stocks", equalTo(1)).body("rejected.size()", equalTo(0));
        given().contentType("application/json").body("{\"path\": \"target/link-out\"}")
                .post("/market-data/import-directory").then().statusCode(400)
                .body("violations[0].field", equalTo("path"));
        given().contentType("application/json").body("{\"path\": \"target/a\\u0000b\"}")
                .post("/market-data/import-directory").then().statusCode(400)
                .body("violations[0].field", equalTo("path"));
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("target", "link-out"));
    }

    @Test
    void aFolderOutsideTheImportRootOrNotAZipIsABadRequest() {
        given().contentType("application/json").body("{\"path\": \"../../etc\"}")
                .post("/market-data/import-directory").then().statusCode(400)
                .body("violations[0].field", equalTo("path"));
        given().contentType("application/zip").body("not a zip".getBytes(StandardCharsets.UTF_8))
                .post("/market-data/import").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

}
