package kr.vcp.scanner.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ClockProvider;
import java.time.Clock;
import kr.vcp.model.Krx;

/** "Today" for Bean Validation ({@code @PastOrPresent} and the like) is today in Seoul, where the market trades. */
@ApplicationScoped
public class KrxClock implements ClockProvider {

    @Override
    public Clock getClock() {
        return Clock.system(Krx.ZONE);
    }
}
