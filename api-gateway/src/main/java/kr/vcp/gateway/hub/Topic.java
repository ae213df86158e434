package kr.vcp.gateway.hub;

import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One topic: its subscribers, kept apart by the event loop that writes to them so that each loop finds its own,
 * and the latest message for whoever subscribes next. Changed only inside the hub's map operations on its name.
 * <p>
 * Each loop's subscribers are an array replaced on every change: a fan-out reads them far more often than clients
 * come and go (2,000 ticks a second each walk a topic's subscribers), and walking an array costs nothing, where
 * iterating a concurrent set was a tenth of the fan-out's time in a profile.
 */
final class Topic {

    private static final Subscriber[] NONE = new Subscriber[0];

    private final Map<EventLoop, Subscriber[]> byLoop = new ConcurrentHashMap<>(4);
    private final AtomicInteger subscribers = new AtomicInteger();
    private volatile TopicMessage latest;

    void add(Subscriber subscriber) {
        byLoop.compute(subscriber.eventLoop(), (loop, own) -> {
            Subscriber[] current = own == null ? NONE : own;
            if (Arrays.asList(current).contains(subscriber)) {
                return own;
            }
            subscribers.incrementAndGet();
            Subscriber[] more = Arrays.copyOf(current, current.length + 1);
            more[current.length] = subscriber;
            return more;
        });
    }

    void remove(Subscriber subscriber) {
        byLoop.computeIfPresent(subscriber.eventLoop(), (loop, own) -> {
            int at = Arrays.asList(own).indexOf(subscriber);
            if (at < 0) {
                return own;
            }
            subscribers.decrementAndGet();
            if (own.length == 1) {
                return null;
            }
            Subscriber[] fewer = new Subscriber[own.length - 1];
            System.arraycopy(own, 0, fewer, 0, at);
            System.arraycopy(own, at + 1, fewer, at, own.length - at - 1);
            return fewer;
        });
    }

    /** The subscribers that {@code loop} writes to, as they are now; never null. */
    Subscriber[] on(EventLoop loop) {
        Subscriber[] own = byLoop.get(loop);
        return own == null ? NONE : own;
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
