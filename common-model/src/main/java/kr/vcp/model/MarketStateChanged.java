package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The state of the market moved: the events on {@link Topics#KAFKA_MARKET}, keyed by {@link #wsTopic()}, with
 * {@code event} naming the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(MarketStateChanged.IndexUpdated.class),
        @JsonSubTypes.Type(MarketStateChanged.MarketGateChanged.class)
})
public sealed interface MarketStateChanged {

    int SCHEMA_VERSION = 1;

    @JsonProperty("schema_version")
    int schemaVersion();

    /** The WebSocket topic whose latest message this event makes, and the event's Kafka key. */
    @JsonIgnore
    String wsTopic();

    /**
     * A KRX index closed or ticked.
     *
     * @param code   KRX's index code: {@code 001} KOSPI, {@code 201} KOSDAQ (as the dashboard reads it)
     * @param name   {@code KOSPI} or {@code KOSDAQ}
     * @param index  the index level
     * @param change points against the previous close
     * @param changeRate percent against the previous close
     * @param volume shares traded, 0 where unknown
     * @param at     when, in Korean local time
     */
    @JsonTypeName("index_updated")
    record IndexUpdated(
            @JsonProperty("schema_version") int schemaVersion,
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("index") double index,
            @JsonProperty("change") double change,
            @JsonProperty("change_rate") double changeRate,
            @JsonProperty("volume") long volume,
            @JsonProperty("at") @JsonFormat(pattern = ServerMessage.MICROS) LocalDateTime at)
            implements MarketStateChanged {

        @Override
        public String wsTopic() {
            return "market:" + name.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The market gate was computed again: whether the market favours new long positions.
     *
     * @param status GREEN, YELLOW or RED
     * @param level  0..100
     * @param kospi  the KOSPI close it was judged on, or null without index data
     */
    @JsonTypeName("market_gate_changed")
    record MarketGateChanged(
            @JsonProperty("schema_version") int schemaVersion,
            @JsonProperty("status") String status,
            @JsonProperty("level") int level,
            @JsonProperty("kospi") Double kospi,
            @JsonProperty("kospi_change_pct") Double kospiChangePct,
            @JsonProperty("kosdaq") Double kosdaq,
            @JsonProperty("kosdaq_change_pct") Double kosdaqChangePct,
            @JsonProperty("sectors") List<Sector> sectors,
            @JsonProperty("at") @JsonFormat(pattern = ServerMessage.MICROS) LocalDateTime at)
            implements MarketStateChanged {

        public MarketGateChanged {
            sectors = sectors == null ? List.of() : List.copyOf(sectors);
        }

        @Override
        public String wsTopic() {
            return Topics.WS_MARKET_GATE;
        }
    }

    /** One sector's reading: {@code signal} is bullish, bearish or neutral. */
    record Sector(
            @JsonProperty("name") String name,
            @JsonProperty("ticker") String ticker,
            @JsonProperty("change_pct") Double changePct,
            @JsonProperty("signal") String signal) {
    }
}
