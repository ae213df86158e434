package kr.vcp.gateway.dashboard;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.vcp.model.Json;
import kr.vcp.model.Krx;
import kr.vcp.model.ServerMessage;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The dashboard's health badge ({@code GET /api/system/health}), from our own checks: this gateway's broadcaster
 * (the hub) and its Kafka consumer, and the scanner's readiness (its database and held market). Healthy when all
 * are up; degraded when the gateway serves but the scanner or Kafka does not; unhealthy when the gateway itself is not
 * ready. We run no Redis or Celery: those fields say so.
 */
@ApplicationScoped
public class SystemHealth {

    static final String NOT_USED = "not used";

    public record Answer(
            @JsonProperty("status") String status,
            @JsonProperty("services") Map<String, String> services,
            @JsonProperty("timestamp") @JsonFormat(pattern = ServerMessage.MICROS) LocalDateTime timestamp,
            @JsonProperty("uptime_seconds") long uptimeSeconds,
            @JsonProperty("database_status") String databaseStatus,
            @JsonProperty("redis_status") String redisStatus,
            @JsonProperty("celery_status") String celeryStatus) {
    }

    private final SmallRyeHealthReporter reporter;
    private final ScannerClient scanner;

    public SystemHealth(SmallRyeHealthReporter reporter, @RestClient ScannerClient scanner) {
        this.reporter = reporter;
        this.scanner = scanner;
    }

    public Uni<Answer> check() {
        Uni<JsonNode> scannerChecks = scanner.readiness()
                .map(r -> Json.treeOrNull(r.readEntity(String.class)))
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .onFailure().recoverWithItem(e -> e instanceof jakarta.ws.rs.WebApplicationException w
                        ? Json.treeOrNull(w.getResponse().readEntity(String.class)) : null);
        return Uni.combine().all().unis(reporter.getReadinessAsync(), scannerChecks).asTuple().map(t -> {
            Map<String, String> services = new LinkedHashMap<>();
            String broadcaster = "down";
            String kafka = "down";
            for (var check : t.getItem1().getPayload().getJsonArray("checks").getValuesAs(JsonObject.class)) {
                String name = check.getString("name");
                String status = check.getString("status").equals("UP") ? "up" : "down";
                if (name.equals("hub")) {
                    broadcaster = status;
                } else if (name.contains("Messaging")) {
                    kafka = status;
                }
            }
            services.put("api-gateway", "up");
            services.put("broadcaster", broadcaster);
            services.put("kafka", kafka);
            JsonNode scan = t.getItem2();
            services.put("vcp-scanner", scan != null && scan.path("status").asText().equals("UP") ? "up" : "down");
            String database = "down";
            if (scan != null) {
                for (JsonNode check : scan.path("checks")) {
                    if (check.path("name").asText().contains("PostgreSQL") || check.path("name").asText().contains("Database")) {
                        database = check.path("status").asText().equals("UP") ? "up" : "down";
                    }
                }
            }
            services.put("database", database);
            String status = broadcaster.equals("down") ? "unhealthy"
                    : services.containsValue("down") ? "degraded" : "healthy";
            return new Answer(status, services, LocalDateTime.now(Krx.ZONE),
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1000, database, NOT_USED, NOT_USED);
        });
    }
}
