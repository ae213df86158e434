package kr.vcp.scanner.rest;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Real KRX bars of twelve stocks (a slice of pykrx exports), loaded through the import API as a user would. */
final class SampleMarket {

    static final List<String> TICKERS = List.of("005930", "005935", "000660", "012450", "035420", "068270", "042700",
            "298040", "086520", "035720", "196170", "247540");

    private SampleMarket() {
    }

    private static boolean loaded;

    /** Imports once per test JVM; imports are idempotent, so a second call would change nothing anyway. */
    static synchronized void load() {
        if (loaded) {
            return;
        }
        given().contentType("text/csv; charset=UTF-8").body(resource("krx/stocks.csv"))
                .post("/market-data/stocks").then().statusCode(200);
        for (String ticker : TICKERS) {
            given().contentType("text/csv; charset=UTF-8").body(resource("krx/prices/" + ticker + ".csv"))
                    .post("/market-data/bars/" + ticker).then().statusCode(200);
        }
        loaded = true;
    }

    static String resource(String path) {
        try (InputStream in = SampleMarket.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
