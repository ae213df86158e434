package kr.vcp.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kr.vcp.infra.KafkaServer;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.infra.WebSocketWire;
import kr.vcp.model.Json;
import kr.vcp.model.PriceTicked;
import kr.vcp.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The dashboard's live load on the packaged gateway: N connections (default 10,000), each subscribed at the upgrade to
 * {@code signal:vcp} and 20 of 2,000 price topics (every ticker has N / 100 subscribers), then a tick for every one of
 * the 2,000 tickers once a second for S seconds (default 60) through a real Kafka broker. It measures
 * <ul>
 * <li>that every tick reached each of its subscribers, and the lag from the tick's Kafka timestamp (when it was sent)
 * to each receipt: p50, p99, max;</li>
 * <li>the gateway's CPU per delivery over the ticking, and the load client's;</li>
 * <li>the gateway's resident memory and heap in use (after a GC) before the clients came, with them, and after they
 * left.</li>
 * </ul>
 * Run with {@code scripts/benchmark-dashboard [N [S]]}; prints figures, asserts nothing.
 */
public final class DashboardLoadBenchmark {

    private static final int TICKERS = 2_000;
    private static final int PER_CLIENT = 20;
    /**
     * Rounds before the measured ones: with 5, the JIT was still compiling the gateway's fan-out (a fifth of a core)
     * through the first measured 20 seconds.
     */
    private static final int WARMUP_ROUNDS = 20;
    /** Ticks of warm-up rounds carry this plus the round as their volume, measured rounds the round alone. */
    private static final long WARMUP_VOLUME = 1_000_000;
    private static final byte[] VOLUME = "\"volume\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTED = "{\"type\":\"connected\"".getBytes(StandardCharsets.US_ASCII);

    private DashboardLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path gatewayJar = Path.of(System.getProperty("vcp.root", ".")).resolve("api-gateway/target/quarkus-app/quarkus-run.jar");
        List<String> tickers = IntStream.range(0, TICKERS).mapToObj(t -> String.format("%06d", 100_000 + t * 7)).toList();
        try (KafkaServer kafka = KafkaServer.start(0); KafkaProducer<String, String> producer = FanOutBenchmark.producer(kafka);
                ServiceProcess gateway = ServiceProcess.start("bench-dashboard-gateway", gatewayJar,
                        FanOutBenchmark.gatewayOptions(), 0, Map.of(SharedServers.KAFKA_ENV, kafka.bootstrapServers()),
                        Path.of("target", "benchmark"))) {
            TestSystem.awaitReady(gateway, Duration.ofSeconds(60));
            // A broker that has run a while: its request path compiled, as the scanner's broker's is.
            for (int r = 0; r < 10; r++) {
                send(producer, tickers, round(tickers, WARMUP_VOLUME * 2 + r), System.currentTimeMillis());
            }
            Thread.sleep(2_000);
            long rssBefore = ProcessMeter.rssKb(gateway.pid());
            long heapBefore = ProcessMeter.heapUsedKb(gateway.pid());

            Receipts receipts = new Receipts(seconds);
            long opening = System.currentTimeMillis();
            LoadClient client = LoadClient.open(gateway.port(), n, 1, i -> "/ws?subscribe=" + topics(i, tickers), null,
                    receipts::received, WebSocketWire.BROWSER_COMPRESSION_OFFER);
            long deadline = System.currentTimeMillis() + 180_000;
            while (receipts.connected.get() < n && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            long openMs = System.currentTimeMillis() - opening;
            long rssIdle = ProcessMeter.rssKb(gateway.pid());
            long heapIdle = ProcessMeter.heapUsedKb(gateway.pid());

            for (int r = 0; r < WARMUP_ROUNDS; r++) {
                long at = System.currentTimeMillis();
                send(producer, tickers, round(tickers, WARMUP_VOLUME + r), at);
                Thread.sleep(Math.max(0, 1_000 - (System.currentTimeMillis() - at)));
            }
            long[] gatewayBefore = ProcessMeter.cpuTicks(gateway.pid());
            long[] clientBefore = ProcessMeter.cpuTicks(ProcessHandle.current().pid());
            long start = System.currentTimeMillis();
            for (int r = 0; r < seconds; r++) {
                long at = start + r * 1_000L;
                Thread.sleep(Math.max(0, at - System.currentTimeMillis()));
                List<String> values = round(tickers, r);
                receipts.sentAt[r] = System.currentTimeMillis();
                send(producer, tickers, values, receipts.sentAt[r]);
            }
            long expected = (long) seconds * n * PER_CLIENT;
            deadline = System.currentTimeMillis() + 30_000;
            while (receipts.measured.get() < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            long[] gatewayAfter = ProcessMeter.cpuTicks(gateway.pid());
            long[] clientAfter = ProcessMeter.cpuTicks(ProcessHandle.current().pid());
            double gatewayCpu = ProcessMeter.seconds(gatewayBefore, gatewayAfter);
            double gatewayUser = ProcessMeter.userSeconds(gatewayBefore, gatewayAfter);
            double clientCpu = ProcessMeter.seconds(clientBefore, clientAfter);
            long delivered = receipts.measured.get();
            String stats = TestSystem.get(gateway.baseUri().resolve("/ws/stats"));

            client.closeAll(60);
            client.close();
            Thread.sleep(2_000);
            long rssAfter = ProcessMeter.rssKb(gateway.pid());
            long heapAfter = ProcessMeter.heapUsedKb(gateway.pid());

            System.out.printf("Dashboard load: %,d connections (opened in %,d ms), each on signal:vcp and %d of %,d price"
                    + " topics; a tick for every ticker once a second for %d s%n", receipts.connected.get(), openMs,
                    PER_CLIENT, TICKERS, seconds);
            System.out.printf("  deliveries: %,d of %,d expected (%s); fewest in one second: %,d of %,d%n", delivered,
                    expected, delivered == expected ? "every tick to each of its subscribers" : "MISSING "
                            + (expected - delivered), receipts.fewestInARound(), (long) n * PER_CLIENT);
            System.out.printf("  lag from the tick's Kafka timestamp to receipt: p50 %d ms, p99 %d ms, max %d ms%n",
                    receipts.percentile(0.50), receipts.percentile(0.99), receipts.percentile(1.0));
            System.out.printf("  gateway CPU %.1f s (%.0f%% kernel) over %d s = %.2f cores, %.2f µs per delivery (%,.0f"
                    + " deliveries per CPU-second); load client CPU %.1f s%n", gatewayCpu,
                    100 * (1 - gatewayUser / Math.max(0.01, gatewayCpu)), seconds, gatewayCpu / seconds,
                    gatewayCpu * 1e6 / Math.max(1, delivered), delivered / Math.max(0.01, gatewayCpu), clientCpu);
            System.out.printf("  gateway memory (after a GC): RSS %,d MB before the clients, %,d MB with them (%.1f KB"
                    + " each), %,d MB after they left; heap in use %,d MB, %,d MB (%.1f KB each), %,d MB%n",
                    rssBefore / 1024, rssIdle / 1024, (rssIdle - rssBefore) / (double) n, rssAfter / 1024,
                    heapBefore / 1024, heapIdle / 1024, (heapIdle - heapBefore) / (double) n, heapAfter / 1024);
            System.out.println("  gateway " + stats.replaceAll(".*\"delivery\":", "delivery: ").replace("}}", "}"));
        }
        System.exit(0);
    }

    /** Connection {@code i}'s topics: the signal page and 20 tickers, so that each ticker has n / 100 subscribers. */
    private static String topics(int i, List<String> tickers) {
        return Topics.WS_SIGNAL_VCP + "," + IntStream.range(0, PER_CLIENT)
                .mapToObj(k -> Topics.price(tickers.get((i * PER_CLIENT + k) % TICKERS)))
                .collect(Collectors.joining(","));
    }

    /** A tick for every ticker, {@code volume} naming the round, written as JSON before anything is timed. */
    private static List<String> round(List<String> tickers, long volume) {
        LocalDateTime now = LocalDateTime.now();
        return tickers.stream().map(ticker -> Json.write(PriceTicked.of(ticker, 50_000, 100, 0.2, volume, now))).toList();
    }

    /**
     * Sends a round at once, each record's Kafka timestamp {@code sentAt}, as a feed stamps a tick when it publishes
     * it, and waits for the broker's acknowledgements.
     */
    private static void send(KafkaProducer<String, String> producer, List<String> tickers, List<String> values,
            long sentAt) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(tickers.size());
        for (int t = 0; t < tickers.size(); t++) {
            acks.add(producer.send(new ProducerRecord<>(Topics.KAFKA_PRICES, null, sentAt, tickers.get(t), values.get(t))));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    /**
     * Receipts, from the last bytes of each message: a {@code connected}, or a tick whose volume names its round. On
     * the load client's one thread; the lag histogram is read once {@code measured} says everything arrived.
     */
    private static final class Receipts {
        final AtomicInteger connected = new AtomicInteger();
        final AtomicLong measured = new AtomicLong();
        final long[] sentAt;
        private final long[] perRound;
        /** Deliveries by lag in milliseconds; the last bucket holds everything slower. */
        private final long[] lagHistogram = new long[60_001];

        Receipts(int rounds) {
            sentAt = new long[rounds];
            perRound = new long[rounds];
        }

        void received(long length, byte[] tail, int tailLength, long now) {
            if (length == tailLength && Arrays.equals(tail, 0, CONNECTED.length, CONNECTED, 0, CONNECTED.length)) {
                connected.incrementAndGet();
                return;
            }
            long volume = volume(tail, tailLength);
            if (volume < 0 || volume >= sentAt.length) {
                return; // a warm-up tick, an acknowledgement
            }
            int round = (int) volume;
            lagHistogram[(int) Math.min(lagHistogram.length - 1, Math.max(0, now - sentAt[round]))]++;
            perRound[round]++;
            measured.incrementAndGet();
        }

        long fewestInARound() {
            return Arrays.stream(perRound).min().orElse(0);
        }

        long percentile(double p) {
            long total = Arrays.stream(lagHistogram).sum();
            long rank = (long) Math.ceil(p * total);
            long seen = 0;
            for (int ms = 0; ms < lagHistogram.length; ms++) {
                seen += lagHistogram[ms];
                if (seen >= Math.max(1, rank)) {
                    return ms;
                }
            }
            return -1;
        }

        /** The number after the last {@code "volume":}, or -1. */
        private static long volume(byte[] tail, int length) {
            for (int i = length - VOLUME.length; i >= 0; i--) {
                if (Arrays.equals(tail, i, i + VOLUME.length, VOLUME, 0, VOLUME.length)) {
                    long value = 0;
                    int digits = 0;
                    for (int j = i + VOLUME.length; j < length && tail[j] >= '0' && tail[j] <= '9'; j++, digits++) {
                        value = value * 10 + (tail[j] - '0');
                    }
                    return digits == 0 ? -1 : value;
                }
            }
            return -1;
        }
    }
}
