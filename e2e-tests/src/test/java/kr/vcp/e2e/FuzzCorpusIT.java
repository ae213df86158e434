package kr.vcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.vcp.infra.RawWebSocket;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.infra.WebSocketWire;
import kr.vcp.model.Json;
import org.junit.jupiter.api.Test;

/**
 * The fuzz corpus ({@code src/test/resources/fuzz}: REST bodies, CSV and zip files, WebSocket frames) against the
 * packaged scanner and gateway on real PostgreSQL and Kafka. Every input must get its documented refusal (status
 * and error code, or close code), nothing a 5xx; afterwards both services are up, every stored row is as it was, and
 * a client subscribed through it all still receives the next update.
 */
class FuzzCorpusIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern PAD = Pattern.compile("\\{pad:(\\d+)}");

    private record Answer(int status, String body) {
    }

    @Test
    void everyInputOfTheCorpusGetsItsDocumentedRefusalAndNothingStoredChanges() throws Exception {
        SharedServers.Database db = TestSystem.database("fuzz");
        String kafka = SharedServers.kafkaBootstrap();
        ServiceProcess scanner = TestSystem.scanner("fuzz-scanner", TestSystem.env(db, kafka));
        ServiceProcess gateway = TestSystem.gateway("fuzz-gateway", TestSystem.env(db, kafka,
                "VCP_SCANNER_URL", scanner.baseUri().toString()));
        try {
            TestSystem.loadSample(scanner);
            JsonNode first = TestSystem.scan(scanner, "{\"market\": \"ALL\", \"min_score\": 0}");
            try (Browser subscriber = new Browser(gateway.port())) {
                subscriber.subscribe();
                subscriber.await(m -> m.path("type").asText().equals("signal_update")
                        && m.path("data").path("event_id").asText().equals(first.path("event_id").asText()), Duration.ofSeconds(30));
                Map<String, String> before = TestSystem.checksums(db, TestSystem.DATASET);

                List<String> wrong = new ArrayList<>();
                JsonNode rest = corpus("rest.json");
                for (JsonNode c : rest) {
                    ServiceProcess service = c.path("service").asText().equals("gateway") ? gateway : scanner;
                    Answer answer;
                    try {
                        answer = c.has("raw") ? raw(service, c) : http(service, c);
                    } catch (IOException e) {
                        wrong.add(c.path("name").asText() + ": no answer (" + e + ")");
                        continue;
                    }
                    String problem = check(c, answer);
                    if (problem != null) {
                        wrong.add(c.path("name").asText() + ": " + problem);
                    }
                }
                JsonNode frames = corpus("websocket.json");
                for (JsonNode c : frames) {
                    String problem = socket(gateway, c);
                    if (problem != null) {
                        wrong.add("ws " + c.path("name").asText() + ": " + problem);
                    }
                }

                assertEquals(200, status(scanner.baseUri().resolve("/q/health/ready")), "the scanner is up");
                assertEquals(200, status(gateway.baseUri().resolve("/q/health/ready")), "the gateway is up");
                Map<String, String> after = TestSystem.checksums(db, TestSystem.DATASET);
                System.out.printf("Fuzz corpus: %d REST inputs and %d WebSocket inputs; %d not answered as documented%n",
                        rest.size(), frames.size(), wrong.size());
                assertTrue(wrong.isEmpty(), String.join("\n", wrong));
                assertEquals(before, after, "every stored row as it was");

                JsonNode next = TestSystem.scan(scanner, "{\"market\": \"ALL\", \"min_score\": 0}");
                subscriber.await(m -> m.path("type").asText().equals("signal_update")
                        && m.path("data").path("event_id").asText().equals(next.path("event_id").asText()), Duration.ofSeconds(30));
            }
        } finally {
            TestSystem.stopAll(gateway, scanner);
        }
    }

    private static JsonNode corpus(String name) throws IOException {
        try (InputStream in = FuzzCorpusIT.class.getResourceAsStream("/fuzz/" + name)) {
            return Json.MAPPER.readTree(in);
        }
    }

    private static byte[] body(JsonNode c) throws IOException {
        if (c.has("body_file")) {
            try (InputStream in = FuzzCorpusIT.class.getResourceAsStream("/fuzz/" + c.path("body_file").asText())) {
                return in.readAllBytes();
            }
        }
        String body = c.path("body").asText("");
        return (c.path("prefix").asText("") + body.repeat(c.path("repeat").asInt(1))).getBytes(StandardCharsets.UTF_8);
    }

    private static Answer http(ServiceProcess service, JsonNode c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUri() + c.path("path").asText()))
                .timeout(Duration.ofSeconds(60))
                .method(c.path("method").asText(), c.has("body") || c.has("body_file")
                        ? HttpRequest.BodyPublishers.ofByteArray(body(c)) : HttpRequest.BodyPublishers.noBody());
        if (c.has("content_type")) {
            request.header("Content-Type", c.path("content_type").asText());
        }
        JsonNode key = c.path("key");
        if (key.isTextual()) {
            request.header(SharedServers.WRITE_KEY_HEADER, key.asText());
        } else if (!key.isBoolean() || key.asBoolean()) {
            request.header(SharedServers.WRITE_KEY_HEADER, TestSystem.WRITE_KEY);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

    /** A request written byte for byte, for what no HTTP client sends: a 10 KB path, an upgrade without a key. */
    private static Answer raw(ServiceProcess service, JsonNode c) throws IOException {
        Matcher pad = PAD.matcher(c.path("raw").asText());
        WebSocketWire.Answer answer = WebSocketWire.exchange("127.0.0.1", service.port(),
                pad.replaceAll(m -> "a".repeat(Integer.parseInt(m.group(1)))));
        return new Answer(answer.status(), answer.body());
    }

    /** What is wrong with an answer, or null when it is the documented one. */
    private static String check(JsonNode c, Answer answer) {
        String shown = answer.status() + " " + (answer.body().length() > 300 ? answer.body().substring(0, 300) + "…"
                : answer.body());
        if (answer.status() >= 500) {
            return "a server error: " + shown;
        }
        if (answer.status() != c.path("status").asInt()) {
            return "expected " + c.path("status").asInt() + ", got " + shown;
        }
        JsonNode body = Json.treeOrNull(answer.body());
        if (body == null || !body.isObject()) {
            return "not a JSON body: " + shown;
        }
        if (c.has("error") && !body.path("error").asText().equals(c.path("error").asText())) {
            return "expected error " + c.path("error").asText() + ", got " + shown;
        }
        for (String count : List.of("skipped_total", "rejected")) {
            if (c.has(count)) {
                JsonNode value = body.path(count);
                int n = value.isArray() ? value.size() : value.asInt(-1);
                if (n != c.path(count).asInt()) {
                    return "expected " + count + " " + c.path(count).asInt() + ", got " + shown;
                }
            }
        }
        if (c.has("skipped_reported") && body.path("skipped").size() != c.path("skipped_reported").asInt()) {
            return "expected " + c.path("skipped_reported").asInt() + " skipped lines reported, got "
                    + body.path("skipped").size();
        }
        return null;
    }

    /** One WebSocket case on a connection of its own; what is wrong, or null. */
    private static String socket(ServiceProcess gateway, JsonNode c) {
        try (RawWebSocket ws = new RawWebSocket(gateway.port(), Map.of())) {
            if (ws.handshake().status() != 101) {
                return "upgrade answered " + ws.handshake().head();
            }
            String connected = ws.readText(5_000);
            if (!connected.contains("\"connected\"")) {
                return "first message " + connected;
            }
            try {
                for (JsonNode frame : c.path("frames")) {
                    byte[] payload = frame.has("base64") ? Base64.getDecoder().decode(frame.path("base64").asText())
                            : frame.path("text").asText().repeat(frame.path("repeat").asInt(1))
                                    .getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < frame.path("times").asInt(1); i++) {
                        ws.sendFragment(frame.path("fin").asBoolean(true), frame.path("opcode").asInt(1), payload);
                    }
                }
            } catch (IOException closedMeanwhile) {
                // the gateway stopped reading: its answer follows
            }
            if (c.has("close")) {
                int code = ws.awaitClose(10_000);
                return code == c.path("close").asInt() ? null : "closed with " + code;
            }
            JsonNode reply = Json.MAPPER.readTree(ws.readText(5_000));
            if (c.has("reply")) {
                return reply.path("type").asText().equals(c.path("reply").asText()) ? null : "replied " + reply;
            }
            return reply.path("type").asText().equals("error") && reply.path("code").asText()
                    .equals(c.path("error").asText()) ? null : "replied " + reply;
        } catch (IOException | AssertionError e) {
            return e.toString();
        }
    }

    private static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
