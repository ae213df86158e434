package kr.vcp.model;

/** Names both services and their tests agree on. */
public final class Topics {

    /**
     * Kafka topic the scanner writes one {@link SignalsScanned} event to per scan, keyed by {@link #SIGNALS_KEY}.
     * Each service names its messaging channel after it, so the topic is configured nowhere else.
     */
    public static final String KAFKA_SIGNALS = "vcp-signals";

    /** Where the gateway sets aside records of {@link #KAFKA_SIGNALS} it cannot read. */
    public static final String KAFKA_SIGNALS_DLQ = "vcp-signals-dlq";

    /** One key for every event, so all events share a partition and keep their commit order. */
    public static final String SIGNALS_KEY = "signal:vcp";

    /** WebSocket topic the dashboard subscribes to for {@link SignalUpdate} messages. */
    public static final String WS_SIGNAL_VCP = "signal:vcp";

    /** WebSocket topic that replays of the Kafka topic go to, so engineers can watch them without touching traders. */
    public static final String WS_DEBUG_SIGNAL_VCP = "debug:signal:vcp";

    private Topics() {
    }
}
