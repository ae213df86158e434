package kr.vcp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kr.vcp.model.Json;

/**
 * Debian's headless Chromium, driven over the DevTools protocol with the JDK's own WebSocket client: a real browser
 * running the live page's JavaScript, with no browser download and no driver.
 */
final class Chromium implements AutoCloseable {

    private static final List<String> BINARIES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket devtools;
    private final Map<Integer, CompletableFuture<JsonNode>> pending;
    private final AtomicInteger ids = new AtomicInteger();

    private Chromium(Process process, Path profile, WebSocket devtools, Map<Integer, CompletableFuture<JsonNode>> pending) {
        this.process = process;
        this.profile = profile;
        this.devtools = devtools;
        this.pending = pending;
    }

    /** Starts a browser with one blank tab of {@code width} x {@code height} and attaches to that tab. */
    static Chromium start(int width, int height, Path log) throws Exception {
        Path profile = Files.createTempDirectory("vcp-chromium");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(binary(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--lang=ko-KR",
                "--window-size=" + width + "," + height, "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = devToolsPort(profile, process);
            JsonNode tabs = Json.MAPPER.readTree(TestSystem.get(URI.create("http://127.0.0.1:" + port + "/json/list")));
            String page = Stream.iterate(0, i -> i < tabs.size(), i -> i + 1).map(tabs::get)
                    .filter(t -> t.path("type").asText().equals("page")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Chromium opened no tab: " + tabs))
                    .get("webSocketDebuggerUrl").asText();
            Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(page), new Replies(pending)).get(10, TimeUnit.SECONDS);
            return new Chromium(process, profile, socket, pending);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens {@code url} in the tab and waits until the document and its scripts have loaded. */
    void navigate(URI url) throws Exception {
        send("Page.navigate", Map.of("url", url.toString()));
        waitFor("location.href === " + Json.MAPPER.writeValueAsString(url.toString())
                + " && document.readyState === 'complete'", Duration.ofSeconds(20));
    }

    /** The value of a JavaScript expression in the page; promises are awaited. */
    JsonNode eval(String expression) throws Exception {
        JsonNode reply = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (reply.has("exceptionDetails")) {
            throw new AssertionError("page script failed: " + expression + " -> " + reply.get("exceptionDetails"));
        }
        return reply.path("result").path("value");
    }

    /** Polls a JavaScript condition until it is true, failing with {@code describe}'s value after {@code timeout}. */
    void waitFor(String condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!holds(condition)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not true within " + timeout + ": " + condition + "; page text: "
                        + eval("document.body ? document.body.innerText : ''").asText());
            }
            Thread.sleep(100);
        }
    }

    /** False also while the page cannot answer, as during a navigation, when its scripts' context is replaced. */
    private boolean holds(String condition) throws Exception {
        try {
            return eval("Boolean(" + condition + ")").asBoolean();
        } catch (AssertionError | IllegalStateException e) {
            return false;
        }
    }

    /** A PNG of the whole page as it is rendered now. */
    void screenshot(Path file) throws Exception {
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    private JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode command = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        command.set("params", Json.MAPPER.valueToTree(params));
        devtools.sendText(Json.MAPPER.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
        JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    @Override
    public void close() {
        try {
            devtools.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | java.io.UncheckedIOException e) {
                // A leftover temporary profile is harmless (Chromium's helpers may still be writing to it as it goes).
            }
        }
    }

    private static String binary() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : BINARIES) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new IllegalStateException("no Chromium on PATH (" + BINARIES + "): install Debian's chromium package, "
                + "as .ci/run does, or set CHROMIUM to a Chromium or Chrome binary");
    }

    /** With port 0, Chromium picks a free port and writes it to DevToolsActivePort in its profile. */
    private static int devToolsPort(Path profile, Process process) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue());
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Chromium did not open its DevTools port within 30 s");
    }

    /** Hands each command's reply to its waiting caller; events are not needed. */
    private static final class Replies implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final Map<Integer, CompletableFuture<JsonNode>> pending;

        Replies(Map<Integer, CompletableFuture<JsonNode>> pending) {
            this.pending = pending;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = Json.MAPPER.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
