package kr.vcp.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small process helpers shared by the servers this module starts. */
final class Processes {

    /** Servers started and not closed, the last started first; guarded by itself, as is {@link #exitHooked}. */
    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean exitHooked;

    private Processes() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code preferred} when nothing listens there, else a free port. */
    static int portOrFree(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred)) {
            socket.setReuseAddress(true);
            return preferred;
        } catch (IOException e) {
            return freePort();
        }
    }

    static Path tempDir(String prefix) {
        try {
            // Under /tmp, not the user's home: PostgreSQL runs as 'postgres' when we are root and must enter it.
            return Files.createTempDirectory(Path.of("/tmp"), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion; fails with its output when it exits non-zero. */
    static void run(Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile("vcp-cmd-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + describe(command));
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + ": " + describe(command) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command for a message, with long arguments (classpaths) cut short. */
    static String describe(List<String> command) {
        return command.stream().map(a -> a.length() > 120 ? a.substring(0, 60) + "..." : a)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** Waits until {@code log} contains {@code marker}; fails early when the process dies. */
    static void awaitLogLine(Process process, Path log, String marker, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(marker)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("process exited with " + process.exitValue() + " before '" + marker
                            + "'; log " + log + ":\n" + tail(log));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no '" + marker + "' within " + timeout + "; log " + log + ":\n" + tail(log));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Closes {@code server} when this JVM exits, also when it is stopped with Ctrl-C or SIGTERM (not SIGKILL), unless
     * {@link #keepOnExit} comes first: a benchmark or test stopped half-way leaves no server running behind it
     * (PostgreSQL, started by {@code pg_ctl}, would outlive it; so would the JVMs of a killed run's children). One hook
     * closes them all, the last started first, so services stop before the servers they use.
     */
    static void closeOnExit(AutoCloseable server) {
        synchronized (OPEN) {
            if (!exitHooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(Processes::closeAll, "close-servers"));
                exitHooked = true;
            }
            OPEN.push(server);
        }
    }

    /** Cancels a {@link #closeOnExit}: the server was closed. */
    static void keepOnExit(AutoCloseable server) {
        synchronized (OPEN) {
            OPEN.remove(server);
        }
    }

    private static void closeAll() {
        while (true) {
            AutoCloseable server;
            synchronized (OPEN) {
                server = OPEN.poll();
            }
            if (server == null) {
                return;
            }
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("closing " + server + ": " + e.getMessage());
            }
        }
    }

    /** Ends a process politely, then by force; with no grace, by force at once. */
    static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            if (grace.isZero()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return;
            }
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover directory under /tmp is harmless.
        }
    }
}
