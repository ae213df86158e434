package kr.vcp.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway's own settings ({@code vcp.*} in application.properties or {@code VCP_*} in the environment). */
@ConfigMapping(prefix = "vcp")
public interface GatewayConfig {

    Admin admin();

    Ws ws();

    interface Ws {
        /** Frames waiting for one client; a client that lets this many pile up is not reading and is cut off. */
        @WithDefault("64")
        int outboundQueue();

        /** Every this often each client is sent a ping frame (browsers answer with a pong by themselves). */
        @WithDefault("30s")
        Duration heartbeatInterval();

        /** A client silent for this long (no message, no pong) is dead and closed: two missed pings and slack. */
        @WithDefault("75s")
        Duration heartbeatTimeout();

        /** Open connections at most; further upgrades are refused with 503. */
        @WithDefault("20000")
        int maxConnections();

        /** Topics one connection may subscribe to. */
        @WithDefault("8")
        int maxSubscriptions();

        /** Inbound messages a second per connection, sustained (clients only send control messages). */
        @WithDefault("5")
        double messagesPerSecond();

        /** Inbound messages a connection may send at once before the rate applies. */
        @WithDefault("20")
        int messageBurst();

        /** Refused messages after which the connection is closed (1008). */
        @WithDefault("50")
        int maxViolations();

        /** Origins allowed to open a connection (exact, e.g. https://dashboard.example.kr); unset allows any. */
        Optional<List<String>> allowedOrigins();

        /** Tokens accepted on the upgrade ({@code ?token=} or {@code Authorization: Bearer}); unset: no auth. */
        Optional<List<String>> tokens();
    }

    interface Admin {
        /** The key admin requests send as {@code X-API-Key}; while unset, the admin endpoints refuse everyone. */
        Optional<String> apiKey();

        /** Most events one admin request lists or replays. */
        @WithDefault("1000")
        int maxEvents();

        /** How long an admin request waits for Kafka before answering with what it has read. */
        @WithDefault("10s")
        Duration readTimeout();
    }
}
