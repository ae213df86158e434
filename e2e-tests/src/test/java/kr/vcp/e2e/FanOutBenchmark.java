package kr.vcp.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.KafkaTopics;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.model.Grade;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;

/**
 * Fan-out of the packaged gateway: this JVM opens N WebSocket connections and subscribes them all, then
 * 20-signal updates are published to a real Kafka broker; it measures the lag from sending each record to Kafka to
 * its receipt (p50, p99, max) after a warm-up, deliveries per second in a burst, and the gateway's memory per idle
 * connection (resident set, after a GC).
 * Run with {@code scripts/benchmark-gateway [N,...]}; prints figures, asserts nothing.
 */
public final class FanOutBenchmark {

    private static final int WARMUP_EVENTS = 10;
    private static final int STEADY_EVENTS = 20;
    private static final int BURST_EVENTS = 20;

    private FanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1000,5000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path gatewayJar = Path.of(System.getProperty("vcp.root", ".")).resolve("api-gateway/target/quarkus-app/quarkus-run.jar");
        try (KafkaServer kafka = KafkaServer.start(0)) {
            for (int n : sizes) {
                try (ServiceProcess gateway = ServiceProcess.start("bench-gateway-" + n, gatewayJar, 0,
                        Map.of(SharedServers.KAFKA_ENV, kafka.bootstrapServers()), Path.of("target", "benchmark"))) {
                    run(n, gateway, kafka.bootstrapServers());
                }
            }
        }
        System.exit(0);
    }

    private static void run(int n, ServiceProcess gateway, String bootstrap) throws Exception {
        Thread.sleep(2_000);
        long rssBefore = rssKb(gateway.pid());
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Long> published = new ConcurrentHashMap<>();
        List<Long> lags = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger subscribed = new AtomicInteger();
        AtomicLong received = new AtomicLong();
        AtomicLong lastReceipt = new AtomicLong();
        List<WebSocket> sockets = new ArrayList<>();
        URI uri = URI.create("ws://127.0.0.1:" + gateway.port() + "/ws");
        Instant opening = Instant.now();
        for (int i = 0; i < n; i++) {
            CompletableFuture<WebSocket> ws = http.newWebSocketBuilder().buildAsync(uri,
                    new Counting(published, lags, subscribed, received, lastReceipt));
            sockets.add(ws.get(30, TimeUnit.SECONDS));
        }
        for (WebSocket ws : sockets) {
            ws.sendText("{\"type\": \"subscribe\", \"topic\": \"signal:vcp\"}", true);
        }
        while (subscribed.get() < n) {
            Thread.sleep(50);
        }
        long openMs = java.time.Duration.between(opening, Instant.now()).toMillis();
        new ProcessBuilder("jcmd", String.valueOf(gateway.pid()), "GC.run").start().waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(1_000);
        long rssIdle = rssKb(gateway.pid());

        // Warm-up, not measured: the JIT of both JVMs and the first GCs after the connections opened.
        for (int e = 0; e < WARMUP_EVENTS; e++) {
            publish(bootstrap, published, 1);
            Thread.sleep(250);
        }
        awaitDeliveries(received, (long) n * WARMUP_EVENTS);
        lags.clear();
        received.set(0);

        // Steady: one update every 250 ms; the lag runs from the moment each record is sent to Kafka.
        for (int e = 0; e < STEADY_EVENTS; e++) {
            publish(bootstrap, published, 1);
            Thread.sleep(250);
        }
        awaitDeliveries(received, (long) n * STEADY_EVENTS);
        long[] steady = lags.stream().mapToLong(Long::longValue).sorted().toArray();

        // Burst: updates back to back; deliveries per second from the first publish to the last receipt.
        long burstStart = System.currentTimeMillis();
        long before = received.get();
        publish(bootstrap, published, BURST_EVENTS);
        awaitDeliveries(received, before + (long) n * BURST_EVENTS);
        long burstMs = Math.max(1, lastReceipt.get() - burstStart);
        long delivered = received.get() - before;

        System.out.printf("Fan-out %,d subscribers (opened in %,d ms): steady 20-signal updates: lag p50 %d ms, p99 %d ms,"
                + " max %d ms over %,d deliveries; burst of %d updates: %,d deliveries in %,d ms = %,.0f deliveries/s"
                + " (%,.0f per core); gateway RSS %,d MB idle before, %,d MB with %,d idle connections: %.1f KB each%n",
                n, openMs, percentile(steady, 0.50), percentile(steady, 0.99), steady[steady.length - 1], steady.length,
                BURST_EVENTS, delivered, burstMs, delivered * 1000.0 / burstMs,
                delivered * 1000.0 / burstMs / Runtime.getRuntime().availableProcessors(), rssBefore / 1024, rssIdle / 1024,
                n, (rssIdle - rssBefore) / (double) n);
        String stats = TestSystem.get(gateway.baseUri().resolve("/ws/stats"));
        System.out.println("  gateway " + stats.replaceAll(".*\"delivery\":", "delivery: ").replace("}}", "}"));
        for (WebSocket ws : sockets) {
            ws.abort();
        }
    }

    private static void publish(String bootstrap, Map<String, Long> published, int count) {
        List<SignalsScanned> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Signal> signals = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                signals.add(new Signal(String.format("%06d", 900_000 + s * 10), "부하종목" + s, SignalType.VCP, 8, Grade.A,
                        50_000, 56_000, 46_000, 100, List.of("수축률 0.30", "수축 3회 24→12→7%", "RS 88"),
                        LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)));
            }
            events.add(new SignalsScanned(UUID.randomUUID(), SignalsScanned.SCHEMA_VERSION, UUID.randomUUID(), "KOSPI",
                    LocalDate.now().plusYears(5), Instant.now(), List.of(new MarketSignals(Market.KOSPI, signals))));
        }
        // Registered before sending: the gateway can deliver an update before the producer has its acknowledgement.
        List<String> values = events.stream().map(Json::write).toList();
        long sendingAt = System.currentTimeMillis();
        events.forEach(e -> published.put(e.eventId().toString(), sendingAt));
        KafkaTopics.produceAll(bootstrap, Topics.KAFKA_SIGNALS, Topics.SIGNALS_KEY, values);
    }

    private static void awaitDeliveries(AtomicLong received, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (received.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        if (received.get() < expected) {
            System.out.printf("  (only %,d of %,d deliveries arrived within 120 s)%n", received.get(), expected);
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.floor(p * (sorted.length - 1))];
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Counts updates without parsing them whole: the event id is all it needs. */
    private static final class Counting implements WebSocket.Listener {
        private final Map<String, Long> published;
        private final List<Long> lags;
        private final AtomicInteger subscribed;
        private final AtomicLong received;
        private final AtomicLong lastReceipt;
        private final StringBuilder partial = new StringBuilder();

        Counting(Map<String, Long> published, List<Long> lags, AtomicInteger subscribed, AtomicLong received,
                AtomicLong lastReceipt) {
            this.published = published;
            this.lags = lags;
            this.subscribed = subscribed;
            this.received = received;
            this.lastReceipt = lastReceipt;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"subscribed\"")) {
                    subscribed.incrementAndGet();
                } else {
                    int at = text.indexOf("\"event_id\":\"");
                    if (at >= 0) {
                        Long sentAt = published.get(text.substring(at + 12, at + 48));
                        if (sentAt != null) {
                            lags.add(now - sentAt);
                            received.incrementAndGet();
                            lastReceipt.accumulateAndGet(now, Math::max);
                        }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
