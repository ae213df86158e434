package kr.vcp.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import kr.vcp.model.Grade;
import kr.vcp.model.Market;
import kr.vcp.model.MarketSignals;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;
import kr.vcp.model.SignalsScanned;
import org.junit.jupiter.api.Test;

class SignalBoardTest {

    private static final LocalDate DAY = LocalDate.of(2025, 6, 17);
    private static final Instant T0 = Instant.parse("2025-06-17T06:40:00Z");

    private static Signal signal(String ticker, int score) {
        return new Signal(ticker, "종목" + ticker, SignalType.VCP, score, Grade.A, 10_000, 12_000, 9_200, 100,
                List.of("추세 템플릿 8/8"), LocalDateTime.of(2025, 6, 17, 15, 40));
    }

    private static SignalsScanned event(String scope, LocalDate day, Instant at, MarketSignals... results) {
        return new SignalsScanned(UUID.randomUUID(), 1, UUID.randomUUID(), scope, day, at, List.of(results));
    }

    private static List<String> tickers(SignalBoard board) {
        return board.signals().stream().map(Signal::ticker).toList();
    }

    @Test
    void mergesTheLatestResultOfEachMarketBestFirst() {
        SignalBoard board = new SignalBoard();
        board.apply(event("KOSPI", DAY, T0, new MarketSignals(Market.KOSPI, List.of(signal("005930", 7)))));
        board.apply(event("KOSDAQ", DAY, T0.plusSeconds(60),
                new MarketSignals(Market.KOSDAQ, List.of(signal("086520", 9), signal("196170", 6)))));

        assertEquals(List.of("086520", "005930", "196170"), tickers(board));
    }

    @Test
    void aNewResultReplacesOnlyItsMarketAndAnEmptyOneClearsIt() {
        SignalBoard board = new SignalBoard();
        board.apply(event("ALL", DAY, T0, new MarketSignals(Market.KOSPI, List.of(signal("005930", 7))),
                new MarketSignals(Market.KOSDAQ, List.of(signal("086520", 9)))));

        assertTrue(board.apply(event("KOSPI", DAY, T0.plusSeconds(60), new MarketSignals(Market.KOSPI, List.of()))));

        assertEquals(List.of("086520"), tickers(board));
    }

    @Test
    void aScanOfAnOlderDayDoesNotOverwriteThePage() {
        SignalBoard board = new SignalBoard();
        board.apply(event("KOSPI", DAY, T0, new MarketSignals(Market.KOSPI, List.of(signal("005930", 7)))));

        assertFalse(board.apply(event("KOSPI", DAY.minusDays(30), T0.plusSeconds(60),
                new MarketSignals(Market.KOSPI, List.of(signal("000660", 9))))));

        assertEquals(List.of("005930"), tickers(board));
    }
}
