package kr.vcp.gateway.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import kr.vcp.model.Market;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalsScanned;

/**
 * What the VCP page shows: the latest scan result of each market, merged. A result replaces its market's list
 * unless it is for an older trading day (a scan of history must not overwrite today's page). Not thread-safe.
 */
final class SignalBoard {

    private record Entry(LocalDate signalDate, Instant producedAt, List<Signal> signals) {
    }

    private static final Comparator<Signal> BEST_FIRST = Comparator.comparingInt(Signal::score).reversed()
            .thenComparing(Signal::ticker);

    private final Map<Market, Entry> latest = new EnumMap<>(Market.class);

    /** Takes the event's results; returns whether the page changed. */
    boolean apply(SignalsScanned event) {
        boolean changed = false;
        for (MarketSignals result : event.results()) {
            Entry current = latest.get(result.market());
            if (current == null || !isOlder(event, current)) {
                latest.put(result.market(), new Entry(event.signalDate(), event.producedAt(), result.signals()));
                changed = true;
            }
        }
        return changed;
    }

    boolean isEmpty() {
        return latest.isEmpty();
    }

    /** Every market's current signals, best first. */
    List<Signal> signals() {
        return latest.values().stream().flatMap(e -> e.signals().stream()).sorted(BEST_FIRST).toList();
    }

    private static boolean isOlder(SignalsScanned event, Entry current) {
        int byDay = event.signalDate().compareTo(current.signalDate());
        return byDay < 0 || (byDay == 0 && event.producedAt().isBefore(current.producedAt()));
    }
}
