package kr.vcp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.infra.WebSocketWire;
import kr.vcp.model.Grade;
import kr.vcp.model.Json;
import kr.vcp.model.Market;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;
import kr.vcp.model.SignalsScanned;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fan-out of the packaged gateway: this JVM opens N WebSocket connections, read on one thread by
 * {@link LoadClient}, and subscribes them all, then 20-signal updates are published to a real Kafka broker. It measures
 * <ul>
 * <li>single updates, one at a time with the gateway otherwise idle: the lag from sending the record to Kafka to
 * each subscriber's receipt (p50, p99, max);</li>
 * <li>a burst of updates back to back: deliveries per second from the first send to the last receipt, and
 * deliveries per second of gateway CPU time (user + system, from /proc), which is the per-core figure;</li>
 * <li>the gateway's resident memory per idle subscribed connection, after a GC.</li>
 * </ul>
 * Run with {@code scripts/benchmark-gateway [N,...]}; prints figures, asserts nothing.
 */
public final class FanOutBenchmark {

    private static final int BROKER_WARMUP_EVENTS = 10_000;
    private static final int WARMUP_EVENTS = 100;
    private static final int SINGLE_EVENTS = 20;
    private static final int BURST_EVENTS = 20;
    private static final byte[] EVENT_ID = "\"event_id\":\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUBSCRIBED = "{\"type\":\"subscribed\"".getBytes(StandardCharsets.UTF_8);
    /**
     * Threads of the load client. One, on this 2-core machine: a second one had four busy threads contend for the
     * two cores and made the last receipts later (p99 122 ms where one thread then gave about 100).
     */
    private static final int CLIENT_THREADS = Integer.getInteger("vcp.bench.client-threads", 1);

    private FanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1000,5000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path gatewayJar = Path.of(System.getProperty("vcp.root", ".")).resolve("api-gateway/target/quarkus-app/quarkus-run.jar");
        try (KafkaServer kafka = KafkaServer.start(0); KafkaProducer<String, String> producer = producer(kafka)) {
            // A broker that has run a while, as the scanner's has: a new one's request path is not compiled yet and
            // takes several milliseconds per record. Every gateway started below also reads these at start-up.
            long warming = System.currentTimeMillis();
            for (int e = 0; e < BROKER_WARMUP_EVENTS; e++) {
                publish(producer, null, 1);
            }
            int onTopic = BROKER_WARMUP_EVENTS;
            System.out.printf("(%,d events through the broker first, in %,d ms)%n", BROKER_WARMUP_EVENTS,
                    System.currentTimeMillis() - warming);
            for (int n : sizes) {
                try (ServiceProcess gateway = ServiceProcess.start("bench-gateway-" + n, gatewayJar,
                        gatewayOptions(), 0,
                        Map.of(SharedServers.KAFKA_ENV, kafka.bootstrapServers()), Path.of("target", "benchmark"))) {
                    awaitCaughtUp(gateway, onTopic);
                    run(n, gateway, producer);
                    onTopic += WARMUP_EVENTS + SINGLE_EVENTS + BURST_EVENTS;
                }
            }
        }
        System.exit(0);
    }

    private static void run(int n, ServiceProcess gateway, KafkaProducer<String, String> producer)
            throws Exception {
        Thread.sleep(2_000);
        long rssBefore = ProcessMeter.rssKb(gateway.pid());
        long heapBefore = ProcessMeter.heapUsedKb(gateway.pid());
        Clients clients = new Clients(n * (WARMUP_EVENTS + SINGLE_EVENTS + BURST_EVENTS));
        Instant opening = Instant.now();
        // Offers permessage-deflate as browsers do, so the gateway's answer to it is part of what is measured.
        LoadClient client = LoadClient.open(gateway.port(), n, CLIENT_THREADS,
                "{\"type\": \"subscribe\", \"topic\": \"signal:vcp\"}", clients::received,
                WebSocketWire.BROWSER_COMPRESSION_OFFER);
        long deadline = System.currentTimeMillis() + 180_000;
        while (clients.subscribed.get() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        if (clients.subscribed.get() < n) {
            System.out.printf("  only %,d of %,d connections subscribed%n", clients.subscribed.get(), n);
        }
        long openMs = java.time.Duration.between(opening, Instant.now()).toMillis();
        long rssIdle = ProcessMeter.rssKb(gateway.pid());
        long heapIdle = ProcessMeter.heapUsedKb(gateway.pid());
        Path histogram = Path.of("target", "benchmark", "gateway-classes-" + n + ".txt");
        Files.write(histogram, ProcessMeter.jcmd(gateway.pid(), "GC.class_histogram").getBytes(StandardCharsets.UTF_8));
        int subscribers = clients.subscribed.get();

        // Warm-up, not measured: the JIT of both JVMs and the first GCs after the connections opened.
        for (int e = 0; e < WARMUP_EVENTS; e++) {
            publishAndAwait(producer, clients, subscribers, 1);
        }
        long singleFrom = clients.received.get();

        // Single updates: each after a pause (the last one's acknowledgements have come back), sent to Kafka and
        // delivered to every subscriber.
        List<String> perUpdate = new ArrayList<>();
        for (int e = 0; e < SINGLE_EVENTS; e++) {
            Thread.sleep(300);
            long from = clients.received.get();
            publishAndAwait(producer, clients, subscribers, 1);
            long[] update = clients.lags(from, clients.received.get());
            perUpdate.add(update.length == 0 ? "none" : update[0] + "-" + update[update.length - 1]);
        }
        long[] single = clients.lags(singleFrom, clients.received.get());

        // Burst: updates back to back; deliveries per second from the first send to the last receipt.
        long[] cpuBefore = ProcessMeter.cpuTicks(gateway.pid());
        long[] clientBefore = ProcessMeter.cpuTicks(ProcessHandle.current().pid());
        long before = clients.received.get();
        long burstStart = publishAndAwait(producer, clients, subscribers, BURST_EVENTS);
        long burstMs = Math.max(1, clients.lastReceipt.get() - burstStart);
        long delivered = clients.received.get() - before;
        long[] cpuAfter = ProcessMeter.cpuTicks(gateway.pid());
        long[] clientAfter = ProcessMeter.cpuTicks(ProcessHandle.current().pid());
        double clientSeconds = ProcessMeter.seconds(clientBefore, clientAfter);
        double userSeconds = ProcessMeter.userSeconds(cpuBefore, cpuAfter);
        double cpuSeconds = ProcessMeter.seconds(cpuBefore, cpuAfter);

        System.out.printf("Fan-out to %,d subscribers (opened in %,d ms), 20-signal updates of %,d bytes%n", subscribers,
                openMs, clients.messageBytes.get());
        System.out.printf("  single updates: lag min %d ms, p50 %d ms, p99 %d ms, max %d ms over %,d deliveries%n",
                percentile(single, 0), percentile(single, 0.50), percentile(single, 0.99), single.length == 0 ? -1 : single[single.length - 1],
                single.length);
        System.out.printf("  each update, in order, first-last delivery: %s ms%n", String.join(", ", perUpdate));
        System.out.printf("  burst of %d: %,d deliveries in %,d ms = %,.0f/s; gateway CPU %.2f s (%.0f%% kernel) = %,.0f"
                + " deliveries per CPU-second; load client CPU %.2f s%n", BURST_EVENTS, delivered, burstMs,
                delivered * 1000.0 / burstMs, cpuSeconds, 100 * (1 - userSeconds / Math.max(0.01, cpuSeconds)),
                delivered / Math.max(0.01, cpuSeconds), clientSeconds);
        System.out.printf("  idle connections: gateway RSS %,d MB before, %,d MB after = %.1f KB each; heap in use after"
                + " a GC %.1f KB each (classes: %s)%n", rssBefore / 1024, rssIdle / 1024,
                (rssIdle - rssBefore) / (double) subscribers, (heapIdle - heapBefore) / (double) subscribers, histogram);
        String stats = TestSystem.get(gateway.baseUri().resolve("/ws/stats"));
        System.out.println("  gateway " + stats.replaceAll(".*\"delivery\":", "delivery: ").replace("}}", "}"));
        client.closeAll(30);
        client.close();
    }

    /**
     * Waits until a gateway just started has read the {@code events} already on the topic, as it does at start-up:
     * clients connected before would get them all at once.
     */
    private static void awaitCaughtUp(ServiceProcess gateway, int events) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode stats = Json.MAPPER.readTree(TestSystem.get(gateway.baseUri().resolve("/ws/stats")));
            if (stats.path("broadcaster").path("events_received").asLong() >= events) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway did not read the " + events + " events on the topic in 120 s");
    }

    /** The gateway's JVM options, and any given in {@code -Dvcp.bench.gateway-options="…"} for an experiment. */
    static List<String> gatewayOptions() {
        List<String> options = new ArrayList<>(ServiceProcess.GATEWAY_JVM_OPTIONS);
        String extra = System.getProperty("vcp.bench.gateway-options", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** One producer for the whole run, set as the scanner's: its start-up is not part of any lag. Shared by both benchmarks. */
    static KafkaProducer<String, String> producer(KafkaServer kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // A market's ticks of one second (2,000 records, 300 KB) in one request, not twenty of 16 KB: with the
        // default batch size they took 250 ms to reach the broker on this machine. A single record leaves as soon.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "1048576");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Publishes {@code count} updates and waits until every subscriber has them all; returns when sending began. */
    private static long publishAndAwait(KafkaProducer<String, String> producer, Clients clients, int subscribers,
            int count) throws Exception {
        long expected = clients.received.get() + (long) subscribers * count;
        long sendingAt = publish(producer, clients, count);
        long deadline = System.currentTimeMillis() + 120_000;
        while (clients.received.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        if (clients.received.get() < expected) {
            System.out.printf("  (only %,d of %,d deliveries arrived within 120 s)%n", clients.received.get(), expected);
        }
        return sendingAt;
    }

    /** Publishes {@code count} updates, for {@code clients} to count (null: nobody counts them); returns when. */
    private static long publish(KafkaProducer<String, String> producer, Clients clients, int count)
            throws Exception {
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
        // Each record carries the time it is sent as its Kafka timestamp, from which the lag is measured.
        List<String> values = events.stream().map(Json::write).toList();
        long sendingAt = System.currentTimeMillis();
        if (clients != null) {
            clients.expect(events, sendingAt);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (String value : values) {
            acks.add(producer.send(new ProducerRecord<>(Topics.KAFKA_SIGNALS, null, sendingAt, Topics.SIGNALS_KEY, value)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        return sendingAt;
    }
    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.floor(p * (sorted.length - 1))];
    }

    /**
     * What every connection received, from the last bytes of each message: the event id is all it needs. Called by
     * the load client's threads; {@code received} counts a delivery once its lag is stored. Only the updates of the
     * latest publish are counted: each waits for all deliveries of the one before.
     */
    private static final class Clients {
        final AtomicInteger subscribed = new AtomicInteger();
        final AtomicLong received = new AtomicLong();
        final AtomicLong lastReceipt = new AtomicLong();
        final AtomicLong messageBytes = new AtomicLong();
        private final AtomicInteger slots = new AtomicInteger();
        private final AtomicLongArray lags;
        private volatile long expectedSentAt;
        private volatile byte[][] expected = new byte[0][];

        Clients(int deliveries) {
            lags = new AtomicLongArray(deliveries);
        }

        void received(long length, byte[] tail, int tailLength, long now) {
            if (length == tailLength && startsWith(tail, SUBSCRIBED)) {
                subscribed.incrementAndGet();
                return;
            }
            int at = lastIndexOf(tail, tailLength, EVENT_ID);
            if (at < 0 || at + EVENT_ID.length + 36 > tailLength) {
                return;
            }
            byte[][] ids = expected;
            long sentAt = expectedSentAt;
            int idAt = at + EVENT_ID.length;
            for (byte[] id : ids) {
                if (Arrays.equals(tail, idAt, idAt + id.length, id, 0, id.length)) {
                    lags.set(slots.getAndIncrement(), now - sentAt);
                    messageBytes.set(length);
                    lastReceipt.accumulateAndGet(now, Math::max);
                    received.incrementAndGet();
                    return;
                }
            }
        }

        /** The updates about to be published and when: their ids, compared as bytes, so a receipt allocates nothing. */
        void expect(List<SignalsScanned> events, long sentAt) {
            expectedSentAt = sentAt;
            expected = events.stream().map(e -> e.eventId().toString().getBytes(StandardCharsets.US_ASCII))
                    .toArray(byte[][]::new);
        }

        /** The lags of deliveries {@code from} (inclusive) to {@code to}, sorted. */
        long[] lags(long from, long to) {
            long[] window = new long[(int) (to - from)];
            Arrays.setAll(window, i -> lags.get((int) from + i));
            Arrays.sort(window);
            return window;
        }

        private static boolean startsWith(byte[] b, byte[] prefix) {
            return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
        }

        /** Searched from the end: the event id closes the update's data. */
        private static int lastIndexOf(byte[] b, int length, byte[] needle) {
            for (int i = length - needle.length; i >= 0; i--) {
                if (Arrays.equals(b, i, i + needle.length, needle, 0, needle.length)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
