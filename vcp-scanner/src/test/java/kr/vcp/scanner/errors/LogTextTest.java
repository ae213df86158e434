package kr.vcp.scanner.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void aLineBreakInAValueCannotStartALogLineOfItsOwn() {
        assertEquals("close is not a whole number of won: '10\\u000a2026-12-02 INFO  [fake] all good'",
                LogText.of("close is not a whole number of won: '10\n2026-12-02 INFO  [fake] all good'"));
        assertEquals("a\\u000d\\u2028b", LogText.of("a\r\u2028b"));
    }

    @Test
    void aNulAndOtherControlsAreWrittenAsEscapes() {
        assertEquals("'10\\u000000' \\u0009 \\u001b[31m \\u007f", LogText.of("'10\u000000' \t \u001b[31m \u007f"));
    }

    @Test
    void printableTextKoreanIncludedIsKeptAsItIs() {
        String name = "삼성전자 prices/005930.csv (종가 75,100)";
        assertEquals(name, LogText.of(name));
        assertNull(LogText.of(null));
    }
}
