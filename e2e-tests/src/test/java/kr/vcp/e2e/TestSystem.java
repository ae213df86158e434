package kr.vcp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.vcp.infra.ServiceProcess;
import kr.vcp.infra.SharedServers;
import kr.vcp.model.Json;

/** Starting the packaged services on real servers, and talking to them, for the end-to-end tests. */
final class TestSystem {

    /**
     * The dataset the end-to-end scanners serve: the generated market, whose planted setups make signals in both
     * markets (DatasetsIT runs a scanner of the real one beside it).
     */
    static final String DATASET = "synthetic";

    /** The scanners' write key; the gateways forward scans with it. */
    static final String WRITE_KEY = "e2e-write-key";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path LOGS = Path.of("target", "e2e-logs");

    private TestSystem() {
    }

    /** A fresh database of its own on the shared PostgreSQL, so tests that run scanners never share tables. */
    static SharedServers.Database database(String name) throws Exception {
        SharedServers.Database shared = SharedServers.postgres();
        try (Connection c = DriverManager.getConnection(shared.jdbcUrl(), shared.user(), shared.password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8'");
        }
        String url = shared.url().substring(0, shared.url().lastIndexOf('/') + 1) + name;
        return new SharedServers.Database(url, shared.user(), shared.password());
    }

    static Map<String, String> env(SharedServers.Database db, String kafka, String... more) {
        Map<String, String> env = new HashMap<>(Map.of(SharedServers.PG_URL_ENV, db.url(), SharedServers.KAFKA_ENV, kafka,
                "VCP_DATASET", DATASET, SharedServers.WRITE_KEY_ENV, WRITE_KEY));
        for (int i = 0; i + 1 < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    static ServiceProcess scanner(String name, Map<String, String> env) {
        return ServiceProcess.start(name, Path.of(System.getProperty("vcp.scanner.app")), 0, env, LOGS);
    }

    /**
     * A gateway that is ready: it has read its feeds up to their ends and broadcasts. A client subscribed before then
     * gets only the current page once the gateway is ready, not every update (a test of live delivery that started
     * scanning before it would lose the first updates when the machine is slow).
     */
    static ServiceProcess gateway(String name, Map<String, String> env) throws Exception {
        ServiceProcess gateway = listeningGateway(name, env);
        try {
            awaitReady(gateway, Duration.ofSeconds(60));
        } catch (Exception | AssertionError e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** A gateway as soon as it listens, possibly still reading its feeds' history. */
    static ServiceProcess listeningGateway(String name, Map<String, String> env) {
        return ServiceProcess.start(name, Path.of(System.getProperty("vcp.gateway.app")),
                ServiceProcess.GATEWAY_JVM_OPTIONS, 0, env, LOGS);
    }

    /** Stops what a test started, in the order given; one failing to stop does not keep the others running. */
    static void stopAll(AutoCloseable... started) {
        for (AutoCloseable c : started) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("stop: " + e);
            }
        }
    }

    /** A generated market of 400 listings with planted setups, into a scanner serving the synthetic dataset. */
    static void loadSample(ServiceProcess scanner) throws Exception {
        HttpResponse<String> generated = HTTP.send(HttpRequest.newBuilder(scanner.baseUri().resolve("/market-data/generate"))
                .header("Content-Type", "application/json").header(SharedServers.WRITE_KEY_HEADER, WRITE_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"seed\": 11, \"tickers\": 400, \"days\": 300}")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (generated.statusCode() != 200) {
            throw new AssertionError("generate answered " + generated.statusCode() + ": " + generated.body());
        }
    }

    /** POSTs {@code body} to /scan and returns the answer, failing unless it is 200. */
    static JsonNode scan(ServiceProcess scanner, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(scanner.baseUri().resolve("/scan"))
                        .header("Content-Type", "application/json").header(SharedServers.WRITE_KEY_HEADER, WRITE_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new AssertionError("POST /scan " + body + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** Polls a service's readiness until it is UP (200). */
    static void awaitReady(ServiceProcess service, Duration timeout) throws Exception {
        URI ready = service.baseUri().resolve("/q/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service.name() + " was not ready within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    static String get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body();
    }

    /** Rows of a query on the tables of the end-to-end scanners' dataset, each as its columns' text. */
    static List<List<String>> query(SharedServers.Database db, String sql) throws Exception {
        return query(db, DATASET, sql);
    }

    /** Rows of a query on the tables of {@code dataset}, each as its columns' text. */
    static List<List<String>> query(SharedServers.Database db, String dataset, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + dataset);
            return rows(s.executeQuery(sql));
        }
    }

    static void execute(SharedServers.Database db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Every table of {@code dataset}, each as a digest of all its rows, once the outbox relay has published every
     * event (it marks them, so a digest taken before would differ from one taken after for that reason alone).
     */
    static Map<String, String> checksums(SharedServers.Database db, String dataset) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!query(db, dataset, "SELECT count(*) FROM outbox WHERE published_at IS NULL").get(0).get(0).equals("0")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the " + dataset + " scanner's outbox was not published within 30 s");
            }
            Thread.sleep(50);
        }
        Map<String, String> digests = new LinkedHashMap<>();
        for (List<String> table : query(db, dataset, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = '" + dataset + "' ORDER BY table_name")) {
            String name = table.get(0);
            digests.put(name, query(db, dataset, "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text,"
                    + " '|' ORDER BY t::text)), '') FROM " + name + " t").get(0).get(0));
        }
        if (!digests.containsKey("daily_bars") || !digests.containsKey("signals")) {
            throw new AssertionError("not the tables of a scanner: " + digests);
        }
        return digests;
    }

    private static List<List<String>> rows(ResultSet rs) throws Exception {
        try (rs) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
