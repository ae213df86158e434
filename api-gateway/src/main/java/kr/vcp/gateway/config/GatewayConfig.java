package kr.vcp.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The gateway's own settings ({@code vcp.*} in application.properties or {@code VCP_*} in the environment). */
@ConfigMapping(prefix = "vcp")
public interface GatewayConfig {

    Admin admin();

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
