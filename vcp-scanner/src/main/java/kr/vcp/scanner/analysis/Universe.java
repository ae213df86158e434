package kr.vcp.scanner.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Which stocks a Minervini-style trader would look at at all: liquid common shares with enough history. */
public final class Universe {

    /**
     * @param minPrice        KRW
     * @param minBars         trading days of history
     * @param minTradedValue  KRW, the 20-day average of close x volume
     * @param liquidityBars   days the traded value is averaged over
     */
    public record Rules(long minPrice, int minBars, long minTradedValue, int liquidityBars) {
    }

    private static final Pattern PREFERRED_NAME = Pattern.compile(".*우[A-C]?$");
    private static final Pattern FUND_NAME = Pattern.compile(
            "^(KODEX|TIGER|KBSTAR|RISE|ARIRANG|HANARO|KOSEF|ACE|SOL|PLUS|KIWOOM|TIMEFOLIO|WOORI|BNK|마이다스|히어로즈)\\b.*"
                    + "|.*\\b(ETF|ETN)\\b.*|.*리츠$|.*(부동산|인프라)투융자.*");

    private Universe() {
    }

    /** Why {@code stock} is left out, in the words a trader uses; empty when it is analysed. */
    public static List<String> exclusions(String ticker, String name, PriceSeries s, Rules rules) {
        List<String> reasons = new ArrayList<>();
        String upper = name.toUpperCase(Locale.ROOT);
        if (!ticker.endsWith("0") || PREFERRED_NAME.matcher(name).matches()) {
            reasons.add("우선주");
        }
        if (name.contains("스팩")) {
            reasons.add("스팩");
        }
        if (FUND_NAME.matcher(upper).matches()) {
            reasons.add("ETF/ETN/리츠");
        }
        if (s.size() < rules.minBars()) {
            reasons.add(String.format(Locale.ROOT, "거래일 %d일: %d일 이상 필요", s.size(), rules.minBars()));
            return reasons;
        }
        int t = s.last();
        if (s.close()[t] < rules.minPrice()) {
            reasons.add(String.format(Locale.ROOT, "주가 %,d원: %,d원 이상 필요", s.close()[t], rules.minPrice()));
        }
        double traded = 0;
        for (int i = t - rules.liquidityBars() + 1; i <= t; i++) {
            traded += (double) s.close()[i] * s.volume()[i];
        }
        traded /= rules.liquidityBars();
        if (traded < rules.minTradedValue()) {
            reasons.add(String.format(Locale.ROOT, "거래대금 %.1f억원: %.1f억원 이상 필요", traded / 1e8,
                    rules.minTradedValue() / 1e8));
        }
        return reasons;
    }
}
