package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** What the gateway sends over the WebSocket; {@code type} names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ServerMessage.SignalUpdate.class),
        @JsonSubTypes.Type(ServerMessage.PriceUpdate.class),
        @JsonSubTypes.Type(ServerMessage.IndexUpdate.class),
        @JsonSubTypes.Type(ServerMessage.MarketGateUpdate.class),
        @JsonSubTypes.Type(ServerMessage.Connected.class),
        @JsonSubTypes.Type(ServerMessage.Subscribed.class),
        @JsonSubTypes.Type(ServerMessage.Unsubscribed.class),
        @JsonSubTypes.Type(ServerMessage.Pong.class),
        @JsonSubTypes.Type(ServerMessage.Error.class)
})
public sealed interface ServerMessage {

    /** ISO-8601 local time to the microsecond, as contract.md's {@code data.timestamp}. */
    String MICROS = "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";

    /** Contract message: the complete list the page should show. */
    @JsonTypeName("signal_update")
    record SignalUpdate(@JsonProperty("data") Data data) implements ServerMessage {

        public static SignalUpdate of(List<Signal> signals, LocalDateTime timestamp, UUID eventId) {
            return new SignalUpdate(new Data(signals, signals.size(), timestamp, eventId));
        }

        /**
         * {@code count} always equals {@code signals.size()}; {@code timestamp} is Korean time to the microsecond;
         * {@code event_id}, which the page ignores (contract.md allows extra fields inside {@code data}), names the
         * Kafka event that caused this update, for debugging and replay.
         */
        public record Data(
                @JsonProperty("signals") List<Signal> signals,
                @JsonProperty("count") int count,
                @JsonProperty("timestamp") @JsonFormat(pattern = MICROS) LocalDateTime timestamp,
                @JsonProperty("event_id") @JsonInclude(JsonInclude.Include.NON_NULL) UUID eventId) {

            public Data {
                signals = List.copyOf(signals);
            }
        }
    }

    /**
     * Contract message: the latest price of one stock ({@code price:{ticker}}).
     *
     * @param timestamp when it traded, Korean local time to the microsecond
     */
    @JsonTypeName("price_update")
    record PriceUpdate(
            @JsonProperty("ticker") String ticker,
            @JsonProperty("data") Data data,
            @JsonProperty("timestamp") @JsonFormat(pattern = MICROS) LocalDateTime timestamp) implements ServerMessage {

        public static PriceUpdate of(PriceTicked tick) {
            return new PriceUpdate(tick.ticker(), new Data(tick.price(), tick.change(), tick.changeRate(), tick.volume()),
                    tick.tradedAt());
        }

        /** {@code change} in KRW and {@code change_rate} in percent, against the previous close. */
        public record Data(
                @JsonProperty("price") long price,
                @JsonProperty("change") long change,
                @JsonProperty("change_rate") double changeRate,
                @JsonProperty("volume") long volume) {
        }
    }

    /** Contract message: an index moved ({@code market:kospi}, {@code market:kosdaq}). */
    @JsonTypeName("index_update")
    record IndexUpdate(
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("data") Data data,
            @JsonProperty("timestamp") @JsonFormat(pattern = MICROS) LocalDateTime timestamp) implements ServerMessage {

        public static IndexUpdate of(MarketStateChanged.IndexUpdated event) {
            return new IndexUpdate(event.code(), event.name(),
                    new Data(event.index(), event.change(), event.changeRate(), event.volume()), event.at());
        }

        public record Data(
                @JsonProperty("index") double index,
                @JsonProperty("change") double change,
                @JsonProperty("change_rate") double changeRate,
                @JsonProperty("volume") long volume) {
        }
    }

    /** Contract message: the market gate ({@code market-gate}); absent readings are null, never missing. */
    @JsonTypeName("market_gate_update")
    record MarketGateUpdate(
            @JsonProperty("timestamp") @JsonFormat(pattern = MICROS) LocalDateTime timestamp,
            @JsonProperty("data") Data data) implements ServerMessage {

        public static MarketGateUpdate of(MarketStateChanged.MarketGateChanged event) {
            return new MarketGateUpdate(event.at(), new Data(event.status(), event.level(), event.kospi(),
                    event.kospiChangePct(), event.kosdaq(), event.kosdaqChangePct(), event.sectors()));
        }

        public record Data(
                @JsonProperty("status") String status,
                @JsonProperty("level") int level,
                @JsonProperty("kospi") Double kospi,
                @JsonProperty("kospi_change_pct") Double kospiChangePct,
                @JsonProperty("kosdaq") Double kosdaq,
                @JsonProperty("kosdaq_change_pct") Double kosdaqChangePct,
                @JsonProperty("sectors") List<MarketStateChanged.Sector> sectors) {
        }
    }

    /** Contract message: the first on every connection; the dashboard keeps {@code client_id}. */
    @JsonTypeName("connected")
    record Connected(@JsonProperty("client_id") String clientId, @JsonProperty("message") String message)
            implements ServerMessage {

        public static Connected of(String clientId) {
            return new Connected(clientId, "WebSocket connection established");
        }
    }

    @JsonTypeName("subscribed")
    record Subscribed(@JsonProperty("topic") String topic, @JsonProperty("message") String message)
            implements ServerMessage {

        public static Subscribed to(String topic) {
            return new Subscribed(topic, "Subscribed to " + topic);
        }
    }

    @JsonTypeName("unsubscribed")
    record Unsubscribed(@JsonProperty("topic") String topic, @JsonProperty("message") String message)
            implements ServerMessage {

        public static Unsubscribed from(String topic) {
            return new Unsubscribed(topic, "Unsubscribed from " + topic);
        }
    }

    @JsonTypeName("pong")
    record Pong(@JsonProperty("timestamp") @JsonFormat(pattern = MICROS) LocalDateTime timestamp)
            implements ServerMessage {
    }

    /**
     * A request the gateway could not act on; the connection stays open.
     *
     * @param code    machine-readable: {@code malformed_json}, {@code unknown_type}, {@code unknown_topic}, ...
     * @param message what was wrong, for a person
     */
    @JsonTypeName("error")
    record Error(@JsonProperty("code") String code, @JsonProperty("message") String message) implements ServerMessage {
    }
}
