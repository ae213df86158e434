package kr.vcp.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code POST /scan} for {@code ALL} end to end on the KRX-sized synthetic market: real PostgreSQL and Kafka, the
 * packaged scanner as its own process. Reading bars, analysing, storing and queuing the event are all in the
 * figure. Run with {@code scripts/benchmark}; prints figures, asserts nothing.
 */
public final class ScanBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("vcp.root", ".")).toAbsolutePath().normalize();
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (PostgresServer pg = PostgresServer.start(0); KafkaServer kafka = KafkaServer.start(0);
                ServiceProcess scanner = ServiceProcess.start("bench-scanner",
                        root.resolve("vcp-scanner/target/quarkus-app/quarkus-run.jar"), 0,
                        Map.of(SharedServers.PG_URL_ENV, pg.url(), SharedServers.KAFKA_ENV, kafka.bootstrapServers(),
                                "VCP_SCHEDULE_CRON", "off"), root.resolve("target/benchmark"))) {
            long t = System.nanoTime();
            String generated = post(scanner.baseUri().resolve("/market-data/generate"), "{}");
            System.out.printf("Loaded the synthetic market in %.1f s: %s%n", (System.nanoTime() - t) / 1e9,
                    generated.substring(0, Math.min(160, generated.length())));
            String body = "{\"market\": \"ALL\", \"top_n\": 100, \"min_score\": 0}";
            for (int i = 0; i < warmup; i++) {
                post(scanner.baseUri().resolve("/scan"), body);
            }
            double[] millis = new double[runs];
            String last = "";
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                last = post(scanner.baseUri().resolve("/scan"), body);
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            String counts = last.replaceAll("(?s).*\"counts\":(\\{[^}]*}).*", "$1");
            System.out.printf("Scan benchmark: POST /scan ALL, %d runs after %d warm-up: min %.0f ms, median %.0f ms, "
                    + "max %.0f ms; counts %s (%s, %d cores)%n", runs, warmup, millis[0], millis[runs / 2],
                    millis[runs - 1], counts, System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        }
    }

    private static String post(URI uri, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
