package kr.vcp.scanner.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TickGridTest {

    @ParameterizedTest(name = "{0} has tick {1}")
    @CsvSource({
        "1999, 1", "2000, 5", "4999, 5", "5000, 10", "19999, 10", "20000, 50", "49999, 50", "50000, 100",
        "199999, 100", "200000, 500", "499999, 500", "500000, 1000", "2000000, 1000"
    })
    void tickFollowsTheKrxBands(long price, long tick) {
        assertEquals(tick, TickGrid.tick(price));
    }

    @ParameterizedTest(name = "{0} snaps down to {1} and up to {2}")
    @CsvSource({
        "1999.4, 1999, 2000",
        "4999.9, 4995, 5000",
        "5003, 5000, 5010",
        "19_995, 19990, 20000",
        "20_020, 20000, 20050",
        "49_990, 49950, 50000",
        "50_050, 50000, 50100",
        "199_950, 199900, 200000",
        "200_100, 200000, 200500",
        "499_900, 499500, 500000",
        "500_001, 500000, 501000",
        "75_000, 75000, 75000"
    })
    void snapsToTheGridAtEveryBandEdge(String price, long down, long up) {
        double p = Double.parseDouble(price.replace("_", ""));
        assertEquals(down, TickGrid.floor(p));
        assertEquals(up, TickGrid.ceil(p));
        assertTrue(TickGrid.isOnGrid(down));
        assertTrue(TickGrid.isOnGrid(up));
    }

    @ParameterizedTest
    @CsvSource({"1999.4, 1999", "4_997.4, 4995", "4_997.6, 5000", "19_996, 20000", "20_024, 20000", "20_026, 20050",
        "112_447, 112400", "112_451, 112500", "499_760, 500000", "731_499, 731000"})
    void aQuoteLandsOnTheNearestGridPrice(String price, long nearest) {
        assertEquals(nearest, TickGrid.nearest(Double.parseDouble(price.replace("_", ""))));
    }

    @ParameterizedTest
    @CsvSource({"2001", "5005", "20010", "50050", "200100", "500500"})
    void pricesOffTheGridAreRecognised(long price) {
        assertFalse(TickGrid.isOnGrid(price));
    }
}
