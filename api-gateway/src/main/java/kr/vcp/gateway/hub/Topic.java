package kr.vcp.gateway.hub;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One topic: its subscribers, kept apart by the event loop that writes to them so that each loop finds its own,
 * and the latest message for whoever subscribes next. Changed only inside the hub's map operations on its name.
 */
final class Topic {

    private final Map<EventLoop, Set<Subscriber>> byLoop = new ConcurrentHashMap<>(4);
    private final AtomicInteger subscribers = new AtomicInteger();
    private volatile TopicMessage latest;

    void add(Subscriber subscriber) {
        if (byLoop.computeIfAbsent(subscriber.eventLoop(), loop -> ConcurrentHashMap.newKeySet()).add(subscriber)) {
            subscribers.incrementAndGet();
        }
    }

    void remove(Subscriber subscriber) {
        Set<Subscriber> own = byLoop.get(subscriber.eventLoop());
        if (own != null && own.remove(subscriber)) {
            subscribers.decrementAndGet();
        }
    }

    /** The subscribers that {@code loop} writes to, or null. */
    Set<Subscriber> on(EventLoop loop) {
        return byLoop.get(loop);
    }

    int subscribers() {
        return subscribers.get();
    }

    TopicMessage latest() {
        return latest;
    }

    void latest(TopicMessage message) {
        latest = message;
    }

    /** Nobody listens and nothing is kept: the topic can go. */
    boolean idle() {
        return subscribers.get() == 0 && latest == null;
    }
}
