package kr.vcp.gateway.hub;

import io.netty.channel.EventLoop;
import java.util.Set;
import kr.vcp.gateway.transport.EncodedText;

/**
 * What the hub sends to: one client, with a queue of its own. Every call but {@link #eventLoop()} and
 * {@link #topics()} is made on the subscriber's event loop.
 */
public interface Subscriber {

    /** The event loop that owns the client's connection. */
    EventLoop eventLoop();

    /** The topics it is subscribed to; kept by the hub. */
    Set<String> topics();

    /**
     * Queues a frame behind the ones before it, to leave at the next {@link #flush()}. Returns how many frames now
     * wait for that flush, or 0 when the frame was refused (the client is closing, or was cut off as too slow).
     */
    int deliver(EncodedText text);

    /** Hands the frames delivered since the last flush to the socket; returns how many. */
    int flush();

    /** Delivers one frame and makes sure a flush follows: a reply, or a topic's latest message for this client. */
    void send(EncodedText text);
}
