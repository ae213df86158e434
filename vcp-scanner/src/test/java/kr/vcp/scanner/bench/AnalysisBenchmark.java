package kr.vcp.scanner.bench;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import kr.vcp.model.Market;
import kr.vcp.scanner.analysis.InvestorFlows;
import kr.vcp.scanner.analysis.RiskPlan;
import kr.vcp.scanner.analysis.StockBars;
import kr.vcp.scanner.analysis.Universe;
import kr.vcp.scanner.analysis.VcpDetector;
import kr.vcp.scanner.analysis.VcpEngine;
import kr.vcp.scanner.synthetic.SyntheticMarket;

/**
 * How long the analysis of the whole KRX-sized synthetic market takes, in this JVM, with the default settings.
 * Run with {@code scripts/benchmark}; prints figures, asserts nothing.
 */
public final class AnalysisBenchmark {

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        SyntheticMarket.Generated market = SyntheticMarket.generate(SyntheticMarket.Spec.krx(42));
        List<StockBars> universe = market.listings().stream().map(SyntheticMarket.Listing::toStockBars).toList();
        long bars = universe.stream().mapToLong(s -> s.series().size()).sum();
        VcpEngine engine = new VcpEngine(new VcpEngine.Settings(new Universe.Rules(1_000, 230, 500_000_000, 20), 70, 8,
                new VcpDetector.Rules(0.05, 15, 130, 2, 6, 0.40, 0.12, 0.02, 0.05, 0.02, 0.85, 50),
                new RiskPlan.Rules(0.08, 2.5, 100_000_000, 0.01, 0.20), new InvestorFlows.Rules(5, 15)));
        LocalDateTime now = LocalDateTime.of(2025, 6, 17, 15, 40);
        int signals = 0;
        for (int i = 0; i < warmup; i++) {
            signals = engine.scan(universe, EnumSet.allOf(Market.class), 0, 100, now).candidates().size();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            signals = engine.scan(universe, EnumSet.allOf(Market.class), 0, 100, now).candidates().size();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("Analysis benchmark: %d listings, %,d bars, %d signals; %d runs after %d warm-up: "
                + "min %.1f ms, median %.1f ms, max %.1f ms (%s, %d cores, Java %s)%n", universe.size(), bars, signals,
                runs, warmup, millis[0], millis[runs / 2], millis[runs - 1], System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }
}
