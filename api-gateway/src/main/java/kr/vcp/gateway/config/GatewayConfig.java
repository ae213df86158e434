package kr.vcp.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import kr.vcp.gateway.transport.Transports;

/** The gateway's own settings ({@code vcp.*} in application.properties or {@code VCP_*} in the environment). */
@ConfigMapping(prefix = "vcp")
public interface GatewayConfig {

    Admin admin();

    Scanner scanner();

    interface Scanner {
        /**
         * The scanner's write key ({@code VCP_WRITE_API_KEY}), which the gateway sends with the scans it forwards for
         * the live page; unset, the scanner refuses them (401, passed through).
         */
        Optional<String> writeApiKey();
    }

    Ws ws();

    interface Ws {
        /**
         * Bytes flushed to one client that its socket has not taken; a client that lets this much pile up is not
         * reading and is cut off (4008). About 160 pages of 25 KB, or a minute of ticks for 100 prices.
         */
        @WithDefault("4M")
        MemorySize maxBacklog();

        /** NETTY: shared frames straight into each connection's channel; VERTX: the slower fallback, for comparison. */
        @WithDefault("NETTY")
        Transports.Kind transport();

        /** Every this often each client is sent a ping frame (browsers answer with a pong by themselves). */
        @WithDefault("30s")
        Duration heartbeatInterval();

        /** A client silent for this long (no message, no pong) is dead and closed: two missed pings and slack. */
        @WithDefault("75s")
        Duration heartbeatTimeout();

        /** Open connections at most; further upgrades are refused with 503. */
        @WithDefault("20000")
        int maxConnections();

        /**
         * Topics one connection may subscribe to: the dashboard's VCP page takes one price topic per signal on
         * screen (a page of 100) besides signal:vcp and the market topics.
         */
        @WithDefault("256")
        int maxSubscriptions();

        /**
         * Inbound messages a second per connection, sustained. The VCP page re-subscribes every price topic after each
         * signal_update (200 messages for a page of 100): that, every second, stays within it; thousands a second do
         * not.
         */
        @WithDefault("200")
        double messagesPerSecond();

        /** Inbound messages a connection may send at once before the rate applies: three such re-subscriptions. */
        @WithDefault("600")
        int messageBurst();

        /** Refused messages after which the connection is closed (1008). */
        @WithDefault("50")
        int maxViolations();

        /** Tokens accepted on the upgrade ({@code ?token=} or {@code Authorization: Bearer}); unset: no auth. */
        Optional<List<String>> tokens();
    }

    Scans scans();

    /** Scans triggered through the gateway ({@code POST /api/scan}, {@code /api/kr/scan/vcp}), per client address. */
    interface Scans {
        /** Scans a minute, sustained: a trader's button presses stay far below it. */
        @WithDefault("6")
        double perMinute();

        /** Scans at once before the rate applies. */
        @WithDefault("3")
        int burst();

        /**
         * Keys a client must send as {@code X-API-Key} to scan through the gateway (comma-separated); unset, anyone who
         * reaches the gateway may (the local stack: the dashboard's button sends no key).
         */
        Optional<List<String>> keys();
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
