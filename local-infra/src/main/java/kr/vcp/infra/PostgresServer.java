package kr.vcp.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the machine's own binaries, in a throwaway data directory on a free port.
 * As root it runs every command as the {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "vcp";
    public static final String USER = "postgres";

    private final Path binDir;
    private final Path dir;
    private final int port;

    private PostgresServer(Path binDir, Path dir, int port) {
        this.binDir = binDir;
        this.dir = dir;
        this.port = port;
    }

    /** Initialises and starts a server with database {@value #DATABASE}; {@code port} 0 picks a free one. */
    public static PostgresServer start(int port) {
        Path bin = findBinDir();
        Path dir = Processes.tempDir("vcp-pg-");
        PostgresServer server = new PostgresServer(bin, dir, port == 0 ? Processes.freePort() : port);
        Processes.closeOnExit(server);
        try {
            server.initAndStart();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void initAndStart() {
        if (Processes.isRoot()) {
            Processes.run(Duration.ofSeconds(30), List.of("chown", "-R", USER + ":" + USER, dir.toString()));
        }
        Path data = dir.resolve("data");
        run(Duration.ofSeconds(120), bin("initdb"), "-D", data.toString(), "-U", USER, "-A", "trust", "--no-sync",
                "--locale=C", "-E", "UTF8");
        run(Duration.ofSeconds(60), bin("pg_ctl"), "-D", data.toString(), "-w", "-t", "60", "-l",
                dir.resolve("postgres.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start");
        run(Duration.ofSeconds(30), bin("createdb"), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER,
                "-E", "UTF8", DATABASE);
    }

    public int port() {
        return port;
    }

    /** {@code postgresql://127.0.0.1:PORT/vcp}, as the reactive client and libpq take it; JDBC wants "jdbc:" before it. */
    public String url() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void close() {
        Processes.keepOnExit(this);
        Path data = dir.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(Duration.ofSeconds(30), bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "stop");
            } catch (RuntimeException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        Processes.deleteRecursively(dir);
    }

    private String bin(String name) {
        return binDir.resolve(name).toString();
    }

    private void run(Duration timeout, String... command) {
        List<String> full = new ArrayList<>();
        if (Processes.isRoot()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        Processes.run(timeout, full);
    }

    /** {@code PG_BIN} if set, else the newest {@code /usr/lib/postgresql/N/bin}. */
    static Path findBinDir() {
        Optional<Path> fromEnv = Optional.ofNullable(System.getenv("PG_BIN")).map(Path::of);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException(
                            "no PostgreSQL server under /usr/lib/postgresql: apt-get install -y postgresql, or set PG_BIN"));
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL server under " + root
                    + ": apt-get install -y postgresql, or set PG_BIN", e);
        }
    }
}
