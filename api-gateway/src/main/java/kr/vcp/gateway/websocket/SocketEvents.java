package kr.vcp.gateway.websocket;

/** What happens to connections and their frames, reported for the gateway's counters. */
public interface SocketEvents {

    /** {@code frames} replies left for one client alone. */
    void replied(int frames);

    /** A frame was not written because the connection had closed underneath (the client left). */
    void toClosedConnection();

    /** A client was cut off with {@code bytesDropped} bytes it never read. */
    void cutOffSlowConsumer(long bytesDropped);

    /** A client silent past the heartbeat's timeout was closed. */
    void heartbeatTimeout();

    /** An inbound message over the rate limit was refused. */
    void rateLimited();

    /** A client that went on flooding was closed. */
    void policyViolation();

    /** A client that broke the protocol (an oversized or binary message, text not UTF-8) was closed. */
    void protocolViolation();

    /** An upgrade was refused (origin, token, connection cap). */
    void upgradeRefused();
}
