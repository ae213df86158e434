package kr.vcp.gateway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text message encoded once, in memory outside the heap that every connection's write points into: UTF-8, and
 * framed as a final, unmasked WebSocket text frame (RFC 6455 section 5.2), which is what a server sends to every
 * client alike. A broadcast to 10,000 connections encodes and frames its page once, not 10,000 times.
 */
public final class EncodedText {

    private static final int FIN_TEXT = 0x81;
    private static final int LENGTH_16 = 126;
    private static final int LENGTH_64 = 127;

    private final String text;
    /** The frame's bytes outside the heap; freed by the garbage collector once no view points into them. */
    private final ByteBuffer bytes;
    /** For copying from; never released, so reading it needs no reference count. */
    private final ByteBuf frame;
    private final int headerLength;

    private EncodedText(String text, ByteBuffer bytes, int headerLength) {
        this.text = text;
        this.bytes = bytes;
        this.frame = Unpooled.wrappedBuffer(bytes.duplicate());
        this.headerLength = headerLength;
    }

    public static EncodedText of(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int headerLength = n < LENGTH_16 ? 2 : n <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocateDirect(headerLength + n).put((byte) FIN_TEXT);
        if (n < LENGTH_16) {
            frame.put((byte) n);
        } else if (n <= 0xFFFF) {
            frame.put((byte) LENGTH_16).putShort((short) n);
        } else {
            frame.put((byte) LENGTH_64).putLong(n);
        }
        return new EncodedText(text, frame.put(payload).flip(), headerLength);
    }

    public String text() {
        return text;
    }

    /** Bytes on the wire, header included. */
    public int length() {
        return frame.capacity();
    }

    /**
     * A view of the whole frame, header and payload, with read indexes and a reference count of its own: what a
     * socket reads from while it sends the frame. Two small objects; the event loops writing one broadcast share no
     * counter (a retained duplicate of one buffer would have them all update its reference count).
     */
    public ByteBuf frame() {
        return Unpooled.wrappedBuffer(bytes.duplicate());
    }

    /** Appends the whole frame to {@code target}; the shared bytes are read, not retained. */
    public void copyTo(ByteBuf target) {
        target.writeBytes(frame, 0, frame.capacity());
    }

    /** The payload alone, for a writer that frames it itself. */
    public ByteBuf payload() {
        return Unpooled.wrappedBuffer(bytes.duplicate().position(headerLength));
    }

    @Override
    public String toString() {
        return text;
    }
}
