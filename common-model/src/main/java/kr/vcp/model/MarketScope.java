package kr.vcp.model;

import java.util.EnumSet;
import java.util.Set;

/** What one scan covers: a market, or both ranked together. */
public enum MarketScope {
    KOSPI(EnumSet.of(Market.KOSPI)),
    KOSDAQ(EnumSet.of(Market.KOSDAQ)),
    ALL(EnumSet.allOf(Market.class));

    private final Set<Market> markets;

    MarketScope(Set<Market> markets) {
        this.markets = markets;
    }

    /** The scope a request names (any case, spaces around it allowed); ALL when it names none. */
    public static MarketScope of(String text) {
        return text == null || text.isBlank() ? ALL : valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }

    public Set<Market> markets() {
        return EnumSet.copyOf(markets);
    }
}
