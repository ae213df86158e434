package kr.vcp.scanner;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The test markets, loaded through the API as a user would: in the real dataset, KRX bars of twelve stocks (a slice
 * of pykrx exports); in the synthetic one (tests run with the {@link SyntheticDataset} profile), a generated market
 * of 600 listings with planted VCP setups. The two never share a scanner.
 */
public final class SampleMarket {

    public static final List<String> TICKERS = List.of("005930", "005935", "000660", "012450", "035420", "068270", "042700",
            "298040", "086520", "035720", "196170", "247540");

    private SampleMarket() {
    }

    /** The synthetic part: seed, size and the planted setups the generator reported. */
    public static final long SEED = 7;
    public static List<String> planted = List.of();

    private static boolean loaded;

    private static boolean generated;

    /** The real sample; imports are idempotent, so a second call changes nothing. */
    public static synchronized void load() {
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

    /** The generated market of seed {@value #SEED}, into a scanner serving the synthetic dataset. */
    public static synchronized void loadSynthetic() {
        if (generated) {
            return;
        }
        planted = given().contentType("application/json")
                .body("{\"seed\": " + SEED + ", \"tickers\": 600, \"days\": 300, \"last_day\": \"2025-06-17\"}")
                .post("/market-data/generate").then().statusCode(200).extract().path("planted");
        generated = true;
    }

    public static String resource(String path) {
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
