package kr.vcp.scanner.bench;

import java.nio.file.Path;
import kr.vcp.scanner.synthetic.SyntheticMarket;

/**
 * Writes the KRX-sized synthetic market (seed 42, or {@code args[1]}) as pykrx files into {@code args[0]}, for the
 * import benchmark: {@code scripts/benchmark} runs it.
 */
public final class WriteMarketFiles {

    private WriteMarketFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        long t = System.nanoTime();
        SyntheticMarket.Generated market = SyntheticMarket.generate(SyntheticMarket.Spec.krx(seed));
        market.writePykrx(dir);
        System.out.printf("Wrote %d pykrx files (%,d bars) of the synthetic market, seed %d, to %s in %.1f s%n",
                market.listings().size() + 1, market.listings().stream().mapToLong(l -> l.bars().size()).sum(), seed,
                dir, (System.nanoTime() - t) / 1e9);
    }
}
