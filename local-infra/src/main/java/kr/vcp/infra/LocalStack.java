package kr.vcp.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on this machine, on real infrastructure: PostgreSQL and Kafka (started here unless
 * {@code VCP_PG_URL} / {@code VCP_KAFKA_BOOTSTRAP} point elsewhere), the scanner on 5112 and the gateway on 5111,
 * the real sample loaded and a first scan run. Ctrl-C stops everything it started.
 *
 * <p>Run from the repository root after {@code ./mvnw install -DskipTests}; {@code scripts/run-local} does both.
 */
public final class LocalStack {

    /** Fixed when free, so that tools (psql, the Kafka console consumer) find them; not 5432, often taken. */
    static final int LOCAL_PG_PORT = 5433;
    static final int LOCAL_KAFKA_PORT = 9092;

    private LocalStack() {
    }

    /**
     * Scans the sample's last day and, while a day holds no VCP among its 53 stocks (2025-06-17 holds none), the
     * days before it, up to a month: the live page opens on the newest real signals, dated as they are.
     */
    private static void firstScan(URI scanner, String writeKey) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        java.time.LocalDate day = java.time.LocalDate.of(2025, 6, 17);
        for (int i = 0; i < 30; i++, day = day.minusDays(1)) {
            String scan = http.send(HttpRequest.newBuilder(scanner.resolve("/scan"))
                    .header("Content-Type", "application/json").header(SharedServers.WRITE_KEY_HEADER, writeKey)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"market\": \"ALL\", \"top_n\": 20, \"min_score\": 5,"
                            + " \"as_of\": \"" + day + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            if (!scan.contains("\"signals\":0")) {
                System.out.println("First scan (the newest day of the sample with a VCP): "
                        + scan.substring(0, Math.min(scan.length(), 300)) + "...");
                return;
            }
            System.out.println("No VCP among the sample's stocks as of " + day);
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("vcp.root", ".")).toAbsolutePath().normalize();
        Path logs = root.resolve("target/local-stack");
        int scannerPort = Integer.parseInt(System.getenv().getOrDefault("VCP_SCANNER_PORT", "5112"));
        int gatewayPort = Integer.parseInt(System.getenv().getOrDefault("VCP_GATEWAY_PORT", "5111"));
        // Every server and service started here is closed when this JVM exits, the last started first
        // (Processes.closeOnExit): Ctrl-C stops everything.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("Stopping..."), "local-stack-stop"));

        String pgUrl = System.getenv(SharedServers.PG_URL_ENV);
        if (pgUrl == null || pgUrl.isBlank()) {
            pgUrl = PostgresServer.start(Processes.portOrFree(LOCAL_PG_PORT)).url();
        }
        String bootstrap = System.getenv(SharedServers.KAFKA_ENV);
        if (bootstrap == null || bootstrap.isBlank()) {
            bootstrap = KafkaServer.start(Processes.portOrFree(LOCAL_KAFKA_PORT)).bootstrapServers();
        }
        System.out.println("PostgreSQL " + pgUrl + ", Kafka " + bootstrap);

        Map<String, String> env = new HashMap<>();
        env.put(SharedServers.PG_URL_ENV, pgUrl);
        env.put(SharedServers.KAFKA_ENV, bootstrap);
        String adminKey = System.getenv().getOrDefault("VCP_ADMIN_API_KEY", "local-admin-key");
        env.put("VCP_ADMIN_API_KEY", adminKey);
        String writeKey = System.getenv().getOrDefault(SharedServers.WRITE_KEY_ENV, "local-write-key");
        env.put(SharedServers.WRITE_KEY_ENV, writeKey);
        ServiceProcess scanner = ServiceProcess.start("vcp-scanner",
                root.resolve("vcp-scanner/target/quarkus-app/quarkus-run.jar"), scannerPort, env, logs);
        env.put("VCP_SCANNER_URL", scanner.baseUri().toString());
        ServiceProcess gateway = ServiceProcess.start("api-gateway",
                root.resolve("api-gateway/target/quarkus-app/quarkus-run.jar"), ServiceProcess.GATEWAY_JVM_OPTIONS,
                gatewayPort, env, logs);

        List<String> tickers = SampleData.load(scanner.baseUri(), writeKey, root.resolve("sample-data"), t -> true);
        System.out.println("Loaded " + tickers.size() + " real stocks from sample-data/");
        firstScan(scanner.baseUri(), writeKey);

        URI ws = URI.create("ws://127.0.0.1:" + gateway.port() + "/ws");
        System.out.println();
        System.out.println("Running. Ctrl-C stops everything.");
        System.out.println("  live page " + gateway.baseUri() + "/   (the signals, updating live)");
        System.out.println("  scanner   " + scanner.baseUri() + "   (POST /scan, /market-data/... with X-API-Key: " + writeKey
                + "; /q/swagger-ui)");
        System.out.println("  gateway   " + gateway.baseUri() + "   (GET /ws/stats; /admin/* with X-API-Key: " + adminKey + ")");
        System.out.println("  websocket " + ws + "   (send {\"type\": \"subscribe\", \"topic\": \"signal:vcp\"})");
        System.out.println("  logs      " + logs);
        new CountDownLatch(1).await(); // until Ctrl-C
    }
}
