package kr.vcp.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Loads a folder in pykrx's export layout ({@code stocks.csv} and {@code prices/<ticker>.csv}) into a running
 * scanner through its import API, as an operator would.
 */
public final class SampleData {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SampleData() {
    }

    /**
     * Imports the stock master, then the bars of every ticker {@code include} accepts, with the scanner's write
     * key; returns the tickers.
     */
    public static List<String> load(URI scanner, String writeKey, Path folder, Predicate<String> include) {
        post(scanner.resolve("/market-data/stocks"), writeKey, folder.resolve("stocks.csv"));
        try (Stream<Path> files = Files.list(folder.resolve("prices"))) {
            List<Path> selected = files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .filter(f -> include.test(ticker(f))).sorted().toList();
            selected.forEach(f -> post(scanner.resolve("/market-data/bars/" + ticker(f)), writeKey, f));
            return selected.stream().map(SampleData::ticker).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ticker(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".csv".length());
    }

    private static void post(URI uri, String writeKey, Path file) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "text/csv; charset=UTF-8").header(SharedServers.WRITE_KEY_HEADER, writeKey)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
