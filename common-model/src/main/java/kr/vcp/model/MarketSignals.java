package kr.vcp.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The complete result of one scan for one market: it replaces whatever that market showed before. */
public record MarketSignals(
        @JsonProperty("market") Market market,
        @JsonProperty("signals") List<Signal> signals) {

    public MarketSignals {
        signals = List.copyOf(signals);
    }
}
