package kr.vcp.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) in its own JVM, from the Apache Kafka jars
 * that Maven resolved for this module. It can be stopped and started again on the same port and data, which is
 * what fault tests need.
 */
public final class KafkaServer implements AutoCloseable {

    private static final String READY = "Kafka Server started";

    private final Path dir;
    private final int port;
    private Process process;

    private KafkaServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Formats a fresh data directory and starts the broker; {@code port} 0 picks a free one. */
    public static KafkaServer start(int port) {
        KafkaServer server = new KafkaServer(Processes.tempDir("vcp-kafka-"), port == 0 ? Processes.freePort() : port);
        Processes.closeOnExit(server);
        try {
            server.format();
            server.startProcess();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** {@code 127.0.0.1:PORT} */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (a clean shutdown) and keeps its data, so {@link #restart()} brings the same log back. */
    public void stop() {
        Processes.stop(process, Duration.ofSeconds(30));
        process = null;
    }

    public void restart() {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        Processes.keepOnExit(this);
        stop();
        Processes.deleteRecursively(dir);
    }

    /** The classpath of the Kafka jars, for this broker and for Kafka's own command-line tools. */
    public static String classpath() {
        try (InputStream in = KafkaServer.class.getResourceAsStream("/kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath missing: build local-infra with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path properties() {
        return dir.resolve("server.properties");
    }

    private void format() {
        // A free port is only free when asked: the next ask may give the broker's own again (seen in CI).
        int controllerPort;
        do {
            controllerPort = Processes.freePort();
        } while (controllerPort == port);
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "default.replication.factor=1",
                "group.initial.rebalance.delay.ms=0",
                "");
        try {
            Files.writeString(properties(), props, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.run(Duration.ofSeconds(120), List.of(Processes.javaBinary(), "-cp", classpath(),
                "kafka.tools.StorageTool", "format", "--standalone", "--cluster-id=" + clusterId(), "-c", properties().toString()));
    }

    private void startProcess() {
        Path log = dir.resolve("kafka-" + System.nanoTime() + ".log");
        try {
            process = new ProcessBuilder(Processes.javaBinary(), "-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
                    "-Dfile.encoding=UTF-8", "-cp", classpath(), "kafka.Kafka", properties().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.awaitLogLine(process, log, READY, Duration.ofSeconds(90));
    }

    /**
     * Kafka's cluster ids are 16 random bytes in URL-safe base64 without padding. One in 64 starts with '-', which
     * the storage tool would read as an option unless it is given as {@code --cluster-id=...}.
     */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
