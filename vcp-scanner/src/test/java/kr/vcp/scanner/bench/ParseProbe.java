package kr.vcp.scanner.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kr.vcp.scanner.marketdata.MarketDataFiles;

public final class ParseProbe {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        List<String> texts;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            texts = s.filter(p -> p.toString().endsWith(".csv")).sorted().map(p -> {
                try { return Files.readString(p, StandardCharsets.UTF_8); } catch (Exception e) { throw new RuntimeException(e); }
            }).toList();
        }
        System.out.printf("read %d files in %d ms%n", texts.size(), (System.nanoTime() - t0) / 1_000_000);
        for (int round = 0; round < 4; round++) {
            long t = System.nanoTime();
            long rows = 0;
            for (String text : texts) {
                if (MarketDataFiles.kind(text) == MarketDataFiles.Kind.BARS) {
                    rows += MarketDataFiles.parseBars("x", text).rows().size();
                }
            }
            System.out.printf("round %d: %d rows in %d ms (one thread)%n", round, rows, (System.nanoTime() - t) / 1_000_000);
        }
    }
}
