package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import kr.vcp.infra.PostgresServer;
import org.junit.jupiter.api.Test;

/** The servers a benchmark or the local stack starts, when the run that started them is stopped half-way. */
class LocalServersIT {

    private static final String READY = "postgres on ";

    /** A run that starts PostgreSQL (which pg_ctl puts in the background, beyond this JVM) and then waits. */
    public static void main(String[] args) throws InterruptedException {
        PostgresServer server = PostgresServer.start(0);
        System.out.println(READY + server.port());
        Thread.sleep(120_000);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void aRunStoppedWithSigtermLeavesNoPostgresBehind() throws Exception {
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LocalServersIT.class.getName()).redirectErrorStream(true).start();
        int port = -1;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                if (line.startsWith(READY)) {
                    port = Integer.parseInt(line.substring(READY.length()).trim());
                }
            }
            assertTrue(port > 0, "the run started PostgreSQL");
            assertTrue(accepts(port), "PostgreSQL listens while the run goes on");

            run.destroy(); // SIGTERM, as Ctrl-C or a kill without -9

            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run exited");
            assertEquals(143, run.exitValue(), "ended by the signal");
            assertFalse(accepts(port), "PostgreSQL on " + port + " stopped with the run");
        } finally {
            run.destroyForcibly();
        }
    }
}
