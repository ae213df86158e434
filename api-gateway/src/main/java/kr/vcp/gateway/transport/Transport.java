package kr.vcp.gateway.transport;

import io.netty.channel.EventLoop;

/**
 * Where one connection's frames go: "write this prepared frame to that connection, tell me its queue". Every call
 * but {@link #eventLoop()} is made on the connection's own event loop, so an implementation needs no locks.
 */
public interface Transport {

    /** The event loop that owns the connection. */
    EventLoop eventLoop();

    /** Queues the frame behind those before it; it leaves at the next {@link #flush()}. */
    void write(EncodedText text);

    /** Hands everything written since the last flush to the socket, in one write where the socket allows. */
    void flush();

    /** Bytes flushed that the socket has not taken yet (with a little bookkeeping): how far behind the client is. */
    long backlogBytes();

    /** Whether frames can still leave: false once the connection closed underneath. */
    boolean isOpen();
}
