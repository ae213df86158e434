package kr.vcp.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of our packaged Quarkus services ({@code target/quarkus-app/quarkus-run.jar}) running as its own process. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The gateway's JVM options; docker-compose.yml gives it the same. The parallel collector, not G1: every
     * broadcast stores a new frame into each connection's long-lived outbound buffer, and G1's barrier queues each of
     * those stores for its refinement thread to scan, on cores the fan-out needs (p99 at 10,000 subscribers 99-109 ms
     * with G1, 75-99 ms without). Its pauses use both cores, unlike the serial collector's.
     */
    public static final List<String> GATEWAY_JVM_OPTIONS = List.of("-XX:+UseParallelGC");

    /** {@link #start(String, Path, List, int, Map, Path)} with the JVM's defaults. */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir) {
        return start(name, jar, List.of(), port, env, logDir);
    }

    /**
     * Starts {@code jar} with {@code jvmOptions} on {@code port} (0 picks a free one) with {@code env} added to this
     * process's environment, and waits until it listens.
     */
    public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, int port,
            Map<String, String> env, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: package the services first (./mvnw package)");
        }
        int httpPort = port == 0 ? Processes.freePort() : port;
        Path log = logDir.resolve(name + ".log");
        // After a GC the heap is given back down to 30% free, so resident memory follows what a service holds (the
        // gateway's 7 KB per idle connection) rather than its highest mark; docker/Dockerfile's JAVA_OPTS agree.
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary(), "-Xmx512m", "-XX:MaxHeapFreeRatio=30",
                "-XX:MinHeapFreeRatio=10", "-Dfile.encoding=UTF-8", "-Dquarkus.http.port=" + httpPort));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(logDir);
            Process process = builder.start();
            ServiceProcess service = new ServiceProcess(name, process, httpPort, log);
            Processes.closeOnExit(service);
            try {
                Processes.awaitLogLine(process, log, "Listening on", Duration.ofSeconds(90));
            } catch (RuntimeException e) {
                service.close();
                throw e;
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    /** Kills the process as a crash would (SIGKILL): nothing of it runs after this returns. */
    public void kill() {
        Processes.stop(process, Duration.ZERO);
    }

    /** A graceful shutdown (SIGTERM), then a forced one. */
    @Override
    public void close() {
        Processes.keepOnExit(this);
        Processes.stop(process, Duration.ofSeconds(20));
    }
}
