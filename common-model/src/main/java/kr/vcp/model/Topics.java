package kr.vcp.model;

import java.util.regex.Pattern;

/** Names both services and their tests agree on: Kafka topics, and the WebSocket topics the dashboard subscribes to. */
public final class Topics {

    /**
     * Kafka topic the scanner writes one {@link SignalsScanned} event to per scan, keyed by {@link #SIGNALS_KEY}.
     * Each service names its messaging channel after it, so the topic is configured nowhere else.
     */
    public static final String KAFKA_SIGNALS = "vcp-signals";

    /** Kafka topic of {@link PriceTicked} events, keyed by ticker: the latest record of a key is that stock's price. */
    public static final String KAFKA_PRICES = "vcp-prices";

    /**
     * Kafka topic of {@link MarketStateChanged} events (index moves and the market gate), keyed by the WebSocket topic
     * they are for ({@link #WS_MARKET_KOSPI}, {@link #WS_MARKET_KOSDAQ}, {@link #WS_MARKET_GATE}).
     */
    public static final String KAFKA_MARKET = "vcp-market";

    /** Where the gateway sets aside records of {@link #KAFKA_SIGNALS} it cannot read. */
    public static final String KAFKA_SIGNALS_DLQ = deadLetters(KAFKA_SIGNALS);

    /** One key for every event, so all events share a partition and keep their commit order. */
    public static final String SIGNALS_KEY = "signal:vcp";

    /** WebSocket topic the dashboard subscribes to for {@code signal_update} messages. */
    public static final String WS_SIGNAL_VCP = "signal:vcp";

    /** WebSocket topic that replays of the Kafka topic go to, so engineers can watch them without touching traders. */
    public static final String WS_DEBUG_SIGNAL_VCP = "debug:signal:vcp";

    /** WebSocket topics of {@code index_update} messages. */
    public static final String WS_MARKET_KOSPI = "market:kospi";
    public static final String WS_MARKET_KOSDAQ = "market:kosdaq";

    /** WebSocket topic of {@code market_gate_update} messages. */
    public static final String WS_MARKET_GATE = "market-gate";

    /** Prefix of the WebSocket topics of {@code price_update} messages: {@code price:005930}. */
    public static final String WS_PRICE_PREFIX = "price:";

    /** A KRX code: six characters, digits or digits and capital letters ({@code 005930}, {@code 0004V0}). */
    private static final Pattern KRX_CODE = Pattern.compile("[0-9A-Z]{6}");

    /**
     * The shapes of WebSocket topics: a family the dashboard uses and a name. Names the gateway does not publish yet
     * (another signal type, another market) are still topics, as the dashboard expects: subscribing is not an error.
     */
    private static final Pattern TOPIC = Pattern.compile(
            "(?:debug:)?signal:[a-z0-9_]{1,32}|price:[0-9A-Z]{6}|market:[a-z0-9_]{1,32}|market-gate");

    private Topics() {
    }

    /** The price topic of {@code ticker}. */
    public static String price(String ticker) {
        return WS_PRICE_PREFIX + ticker;
    }

    /** Whether {@code ticker} is a well-formed KRX code. */
    public static boolean isKrxCode(String ticker) {
        return ticker != null && KRX_CODE.matcher(ticker).matches();
    }

    /** Whether {@code topic} has the shape of a WebSocket topic a client may subscribe to. */
    public static boolean isWsTopic(String topic) {
        return topic != null && TOPIC.matcher(topic).matches();
    }

    /**
     * Whether a topic keeps its latest message for late subscribers; replays to {@code debug:} topics are transient.
     */
    public static boolean keepsLatest(String topic) {
        return !topic.startsWith("debug:");
    }

    /** Where the gateway sets aside the records of {@code topic} it cannot read. */
    public static String deadLetters(String topic) {
        return topic + "-dlq";
    }
}
