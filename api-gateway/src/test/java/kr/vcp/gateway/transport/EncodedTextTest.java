package kr.vcp.gateway.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodedTextTest {

    private static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    @Test
    void aShortMessageIsOneFinalTextFrameWithItsUtf8LengthInTheSecondByte() {
        EncodedText text = EncodedText.of("{\"종목\":1}");
        byte[] utf8 = "{\"종목\":1}".getBytes(StandardCharsets.UTF_8);

        byte[] frame = bytes(text.frame());

        assertEquals(12, utf8.length); // two Korean syllables of three bytes each
        assertEquals((byte) 0x81, frame[0]);
        assertEquals(12, frame[1]);
        assertEquals(2 + 12, frame.length);
        assertArrayEquals(utf8, bytes(text.payload()));
    }

    @Test
    void aPageOfSignalsCarriesASixteenBitLength() {
        String page = "가".repeat(2_000); // 6,000 bytes
        byte[] frame = bytes(EncodedText.of(page).frame());

        assertEquals(126, frame[1]);
        assertEquals(6_000, ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF));
        assertEquals(4 + 6_000, frame.length);
    }

    @Test
    void overSixtyFourKilobytesTheLengthTakesEightBytes() {
        byte[] frame = bytes(EncodedText.of("a".repeat(70_000)).frame());

        assertEquals(127, frame[1]);
        long length = 0;
        for (int i = 2; i < 10; i++) {
            length = (length << 8) | (frame[i] & 0xFF);
        }
        assertEquals(70_000, length);
        assertEquals(10 + 70_000, frame.length);
    }

    @Test
    void everyWriteGetsItsOwnViewOfTheSameBytes() {
        EncodedText text = EncodedText.of("{\"type\":\"signal_update\"}");
        ByteBuf first = text.frame();
        first.skipBytes(first.readableBytes());
        first.release();

        assertArrayEquals(bytes(text.frame()), bytes(text.frame()));
        assertEquals(2 + 24, text.frame().readableBytes());
    }
}
