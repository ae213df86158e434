package kr.vcp.gateway.service;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text message encoded to UTF-8 once, in memory outside the heap that every connection's frame points into: a
 * broadcast to 10,000 connections encodes and copies its page once, not 10,000 times.
 */
public final class EncodedText {

    private final String text;
    private final ByteBuffer utf8;

    private EncodedText(String text, ByteBuffer utf8) {
        this.text = text;
        this.utf8 = utf8;
    }

    public static EncodedText of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new EncodedText(text, ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
    }

    public String text() {
        return text;
    }

    /**
     * A view of the bytes for one frame. Releasing it does not free the shared memory (a wrapped NIO buffer is
     * never freed by Netty); the garbage collector does once no frame points into it.
     */
    ByteBuf content() {
        return Unpooled.wrappedBuffer(utf8.duplicate());
    }

    @Override
    public String toString() {
        return text;
    }
}
