package kr.vcp.scanner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import kr.vcp.infra.Backtests;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.PostgresServer;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;

/**
 * The engine's record on real listings: the packaged scanner of the real dataset on throwaway PostgreSQL and Kafka,
 * the pykrx files of a folder imported, and a walk-forward backtest of each period given, printed by grade and by each
 * part of the score. Usage: {@code BacktestStudy <folder> <from>..<to> [<from>..<to> ...]}. Prints; asserts nothing.
 */
public final class BacktestStudy {

    private static final String WRITE_KEY = "study-write-key";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = kr.vcp.model.Json.MAPPER;

    private BacktestStudy() {
    }

    public static void main(String[] args) throws Exception {
        Path files = Path.of(args[0]).toAbsolutePath();
        Path root = Path.of(System.getProperty("vcp.root", ".")).toAbsolutePath().normalize();
        Path jar = root.resolve("vcp-scanner/target/quarkus-app/quarkus-run.jar");
        try (PostgresServer pg = PostgresServer.start(0); KafkaServer kafka = KafkaServer.start(0)) {
            Map<String, String> env = Map.of(SharedServers.PG_URL_ENV, pg.url(), SharedServers.KAFKA_ENV,
                    kafka.bootstrapServers(), "VCP_SCHEDULE_CRON", "off", "VCP_IMPORT_DIRECTORY_ROOT", files.toString(),
                    "VCP_DATASET", "krx", SharedServers.WRITE_KEY_ENV, WRITE_KEY);
            try (ServiceProcess scanner = ServiceProcess.start("study-scanner", jar, 0, env, root.resolve("target/benchmark"))) {
                HttpResponse<String> imported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                scanner.baseUri().resolve("/market-data/import-directory"))
                        .header("Content-Type", "application/json").header(SharedServers.WRITE_KEY_HEADER, WRITE_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \".\"}")).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                JsonNode summary = JSON.readTree(imported.body());
                System.out.printf("Imported %s: %d tickers, %d bars%n", files, summary.path("tickers_with_bars").asInt(),
                        summary.path("bars").asInt());
                for (int i = 1; i < args.length; i++) {
                    String[] range = args[i].split("\\.\\.");
                    study(scanner.baseUri(), range[0], range[1]);
                }
            }
        }
    }

    private static void study(URI scanner, String from, String to) throws Exception {
        long started = System.nanoTime();
        JsonNode done = JSON.readTree(Backtests.run(scanner, WRITE_KEY, "{\"from\": \"" + from + "\", \"to\": \"" + to
                + "\", \"market\": \"ALL\", \"min_score\": 0, \"top_n\": 20}"));
        JsonNode report = done.path("report");
        // Each trade with its score parts, for studying other weights without running the walk again.
        java.nio.file.Path saved = java.nio.file.Path.of(System.getProperty("vcp.root", "."), "target", "backtest-study",
                from + ".." + to + ".json");
        java.nio.file.Files.createDirectories(saved.getParent());
        JSON.writeValue(saved.toFile(), report);
        System.out.printf("%n== %s .. %s: %d trading days, %.1f s (report in %s)%n", from, to, report.path("days").asInt(),
                (System.nanoTime() - started) / 1e9, saved);
        System.out.println("| group | trades | triggered | sold | win rate | avg R | median R | profit factor | avg % |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        row("all", report.path("figures"));
        report.path("by_grade").fields().forEachRemaining(e -> row("grade " + e.getKey(), e.getValue()));
        report.path("by_score_part").fields().forEachRemaining(part -> part.getValue().fields()
                .forEachRemaining(e -> row(part.getKey() + " " + e.getKey(), e.getValue())));
    }

    private static void row(String group, JsonNode f) {
        System.out.printf("| %s | %d | %d | %d | %s | %s | %s | %s | %s |%n", group, f.path("trades").asInt(),
                f.path("triggered").asInt(), f.path("closed").asInt(), f.path("win_rate").asText(), f.path("avg_r").asText(),
                f.path("median_r").asText(), f.path("profit_factor").asText(), f.path("avg_return_pct").asText());
    }
}
