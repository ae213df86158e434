package kr.vcp.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;
import kr.vcp.scanner.synthetic.SyntheticMarket;
import org.junit.jupiter.api.Test;

/** The engine against the generator's ground truth on a KRX-sized synthetic market. */
class GroundTruthTest {

    @Test
    void findsPlantedSetupsWithHighRecallAndPrecisionAndTheirPivots() {
        SyntheticMarket.Generated market = SyntheticMarket.generate(SyntheticMarket.Spec.krx(42));
        List<StockBars> universe = market.listings().stream().map(SyntheticMarket.Listing::toStockBars).toList();

        VcpEngine.Result result = VcpEngineTest.ENGINE.scan(universe, EnumSet.allOf(Market.class), 0, 10_000,
                LocalDateTime.of(2025, 6, 17, 15, 40));

        Map<String, SyntheticMarket.Planted> planted = market.planted().stream()
                .collect(Collectors.toMap(SyntheticMarket.Planted::ticker, Function.identity()));
        Set<String> found = result.candidates().stream().map(c -> c.signal().ticker()).collect(Collectors.toSet());
        Set<String> hits = new HashSet<>(found);
        hits.retainAll(planted.keySet());
        Set<String> decoysFound = new HashSet<>(found);
        decoysFound.retainAll(market.decoys());
        double recall = (double) hits.size() / planted.size();
        double precision = found.isEmpty() ? 0 : (double) hits.size() / found.size();
        System.out.printf("Ground truth (seed 42, %d listings): %d planted, %d found, %d hits, %d decoys found;"
                + " recall %.3f, precision %.3f%n", universe.size(), planted.size(), found.size(), hits.size(),
                decoysFound.size(), recall, precision);

        String missed = planted.keySet().stream().filter(t -> !found.contains(t)).sorted()
                .map(t -> t + " " + market.planted().stream().filter(p -> p.ticker().equals(t)).findFirst()
                        .orElseThrow().depths() + ": " + VcpEngineTest.ENGINE.explain(universe, t,
                        LocalDateTime.of(2025, 6, 17, 15, 40)).orElseThrow().verdict())
                .collect(Collectors.joining("\n"));
        String falsePositives = found.stream().filter(t -> !planted.containsKey(t)).sorted()
                .collect(Collectors.joining(", "));
        assertTrue(recall >= 0.95, "recall " + recall + "; missed:\n" + missed);
        assertTrue(precision >= 0.90, "precision " + precision + "; not planted: " + falsePositives);
        assertTrue(decoysFound.isEmpty(), "bases that are not VCPs: " + decoysFound);
        for (var c : result.candidates()) {
            SyntheticMarket.Planted truth = planted.get(c.signal().ticker());
            if (truth != null) {
                Signal s = c.signal();
                assertEquals(TickGrid.ceil(truth.pivot()), s.entryPrice(), s.ticker() + " entry at the planted pivot");
                // At, not under, only when the 8% cap on the stop distance lands on the low itself.
                assertTrue(s.stopLoss() <= truth.lastLow(), s.ticker() + " stop under the planted last low: " + s + " " + truth);
            }
        }
    }
}
