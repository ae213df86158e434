package kr.vcp.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a scanner's walk-forward backtest and waits for its stored report, for the benchmark and the study. */
public final class Backtests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ID = Pattern.compile("\"backtest_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private Backtests() {
    }

    /** POSTs {@code body} to {@code /backtest} and returns the stored backtest once it is done (its JSON). */
    public static String run(URI scanner, String writeKey, String body) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(scanner.resolve("/backtest"))
                .header("Content-Type", "application/json").header(SharedServers.WRITE_KEY_HEADER, writeKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Matcher id = ID.matcher(started.body());
        if (started.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("POST /backtest answered " + started.statusCode() + ": " + started.body());
        }
        URI read = scanner.resolve("/backtests/" + id.group(1));
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            String stored = HTTP.send(HttpRequest.newBuilder(read).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            if (!stored.contains("\"status\":\"RUNNING\"")) {
                if (!stored.contains("\"status\":\"SUCCEEDED\"")) {
                    throw new IllegalStateException("backtest failed: " + stored);
                }
                return stored;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("backtest " + id.group(1) + " still running after 30 minutes");
    }
}
