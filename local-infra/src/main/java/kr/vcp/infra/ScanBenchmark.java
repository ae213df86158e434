package kr.vcp.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scanner on a KRX-sized market, end to end against real PostgreSQL and Kafka, the packaged scanner as its own
 * process: importing the pykrx files of {@code args[0]} (the synthetic market as {@code WriteMarketFiles} writes it,
 * ~2,700 files, ~1M bars) and importing them again unchanged; a restart with that market in the database, to ready;
 * then {@code POST /scan ALL} and {@code GET /analysis/{ticker}}, known and unknown tickers. Run with
 * {@code scripts/benchmark}; prints figures, asserts nothing.
 */
public final class ScanBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String WRITE_KEY = "bench-write-key";
    private static final Pattern TICKER = Pattern.compile("\"ticker\":\"([0-9A-Z]{6})\"");

    private ScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path files = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path root = Path.of(System.getProperty("vcp.root", ".")).toAbsolutePath().normalize();
        Path jar = root.resolve("vcp-scanner/target/quarkus-app/quarkus-run.jar");
        Path logs = root.resolve("target/benchmark");
        try (PostgresServer pg = PostgresServer.start(0); KafkaServer kafka = KafkaServer.start(0)) {
            Map<String, String> env = Map.of(SharedServers.PG_URL_ENV, pg.url(), SharedServers.KAFKA_ENV,
                    kafka.bootstrapServers(), "VCP_SCHEDULE_CRON", "off", "VCP_IMPORT_DIRECTORY_ROOT", files.toString(),
                    // Generated listings, so the synthetic dataset, even though they come in as pykrx files.
                    "VCP_DATASET", "synthetic", SharedServers.WRITE_KEY_ENV, WRITE_KEY,
                    // Each phase of the imports and loads in the log: target/benchmark/bench-scanner.log.
                    "QUARKUS_LOG_CATEGORY__KR_VCP_SCANNER_MARKETDATA__LEVEL", "DEBUG");
            try (ServiceProcess scanner = ServiceProcess.start("bench-scanner-import", jar, 0, env, logs)) {
                URI importing = scanner.baseUri().resolve("/market-data/import-directory");
                // An import times the import, not the service's first request: one refused request (an empty path, a
                // 400) first, as a running scanner would have answered some before.
                post(importing, "{\"path\": \"\"}", "application/json", 400);
                long t = System.nanoTime();
                String first = post(importing, "{\"path\": \".\"}");
                double firstMs = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                String again = post(importing, "{\"path\": \".\"}");
                double againMs = (System.nanoTime() - t) / 1e6;
                System.out.printf("Import benchmark: %s files, %s bars: first import %.1f s (%s rows written), the same "
                        + "files again %.1f s (%s rows written)%n", field(first, "files"), field(first, "bars"),
                        firstMs / 1e3, field(first, "changed"), againMs / 1e3, field(again, "changed"));
            }
            long spawned = System.nanoTime();
            try (ServiceProcess scanner = ServiceProcess.start("bench-scanner", jar, 0, env, logs)) {
                String ready = awaitReady(scanner.baseUri().resolve("/q/health/ready"));
                double readyS = (System.nanoTime() - spawned) / 1e9;
                System.out.printf("Start-up benchmark: ready %.1f s after the process started with %s listings and %s "
                        + "bars in the database; the held market takes %.1f MB (%s resident in all)%n", readyS,
                        field(ready, "listings"), field(ready, "bars"), Long.parseLong(field(ready, "bytes")) / 1e6,
                        resident(scanner.pid()));

                String body = "{\"market\": \"ALL\", \"top_n\": 100, \"min_score\": 0}";
                URI scan = scanner.baseUri().resolve("/scan");
                String last = "";
                for (int i = 0; i < 3; i++) {
                    last = post(scan, body);
                }
                double[] scans = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    last = post(scan, body);
                    scans[i] = (System.nanoTime() - start) / 1e6;
                }
                String counts = last.replaceAll("(?s).*\"counts\":(\\{[^}]*}).*", "$1");
                System.out.printf("Scan benchmark: POST /scan ALL, the market unchanged, %d runs after 3 warm-up: %s;"
                        + " counts %s%n", runs, spread(scans), counts);

                // A new market state before each scan: one ticker's last bar changes (a day's import of one file).
                List<String> listed = tickers(get(scanner.baseUri().resolve("/market-data/stocks")));
                String header = "날짜,시가,고가,저가,종가,거래량,등락률\n";
                double[] changed = new double[runs];
                for (int i = 0; i < runs; i++) {
                    String ticker = listed.get(i * 97 % listed.size());
                    String lastDay = field(get(scanner.baseUri().resolve("/analysis/" + ticker)), "as_of");
                    post(scanner.baseUri().resolve("/market-data/bars/" + ticker), header + lastDay
                            + ",1000,1100,900,1000," + (1_000_000 + i) + ",0\n", "text/csv; charset=UTF-8");
                    long start = System.nanoTime();
                    post(scan, body);
                    changed[i] = (System.nanoTime() - start) / 1e6;
                }
                System.out.printf("Scan benchmark: POST /scan ALL, each after an import changed the market (every stock"
                        + " evaluated anew), %d runs: %s%n", runs, spread(changed));

                List<String> tickers = tickers(get(scanner.baseUri().resolve("/market-data/stocks")));
                SplittableRandom random = new SplittableRandom(7);
                int n = runs * 10;
                for (int i = 0; i < 20; i++) {
                    get(scanner.baseUri().resolve("/analysis/" + tickers.get(random.nextInt(tickers.size()))));
                }
                double[] known = new double[n];
                for (int i = 0; i < n; i++) {
                    URI uri = scanner.baseUri().resolve("/analysis/" + tickers.get(random.nextInt(tickers.size())));
                    long start = System.nanoTime();
                    get(uri);
                    known[i] = (System.nanoTime() - start) / 1e6;
                }
                double[] unknown = new double[n];
                for (int i = 0; i < n; i++) {
                    URI uri = scanner.baseUri().resolve("/analysis/" + String.format("%06d", 990_000 + i));
                    long start = System.nanoTime();
                    int status = status(uri);
                    unknown[i] = (System.nanoTime() - start) / 1e6;
                    if (status != 404) {
                        throw new IllegalStateException(uri + " answered " + status + ", not 404");
                    }
                }
                System.out.printf("Analysis benchmark: GET /analysis/{ticker} of %d random listings: %s; of unknown "
                        + "tickers (404): %s%n", n, spread(known), spread(unknown));

                // The whole history, walked forward a day at a time.
                String status = get(scanner.baseUri().resolve("/market-data/status"));
                String backtest = "{\"from\": \"" + field(status, "first_date") + "\", \"to\": \"" + field(status, "last_date")
                        + "\", \"market\": \"ALL\", \"min_score\": 7, \"top_n\": 20}";
                long started = System.nanoTime();
                String report = Backtests.run(scanner.baseUri(), WRITE_KEY, backtest);
                System.out.printf("Backtest benchmark: POST /backtest over %s trading days of %d listings, min_score 7,"
                        + " top_n 20: %.1f s to the stored report; %s trades, %s sold%n", field(report, "days"),
                        tickers.size(), (System.nanoTime() - started) / 1e9, field(report, "trades"),
                        field(report, "closed"));
            }
        }
        System.out.printf("(%s, %d cores, Java %s)%n", System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }

    private static String spread(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format("min %.1f ms, median %.1f ms, p90 %.1f ms, max %.1f ms", sorted[0],
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[sorted.length - 1]);
    }

    private static String awaitReady(URI uri) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() == 200) {
                return r.body();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(uri + " not ready in 120 s");
    }

    private static List<String> tickers(String json) {
        List<String> tickers = new ArrayList<>();
        Matcher m = TICKER.matcher(json);
        while (m.find()) {
            tickers.add(m.group(1));
        }
        if (tickers.isEmpty()) {
            throw new IllegalStateException("no tickers listed: " + json.substring(0, Math.min(200, json.length())));
        }
        return tickers;
    }

    /** A number or string field of a JSON answer, the first of its name. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^,\"}\\s]*)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    private static String resident(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String post(URI uri, String body) throws Exception {
        return post(uri, body, "application/json");
    }

    private static String post(URI uri, String body, String type) throws Exception {
        return post(uri, body, type, 200);
    }

    /** The body of the answer, which must have status {@code expected}. */
    private static String post(URI uri, String body, String type, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", type)
                .header(SharedServers.WRITE_KEY_HEADER, WRITE_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
