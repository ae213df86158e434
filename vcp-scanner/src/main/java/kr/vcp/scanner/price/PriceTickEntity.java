package kr.vcp.scanner.price;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import kr.vcp.model.PriceTicked;

/** The latest intraday tick of one stock (V8). */
@Entity
@Table(name = "price_ticks")
public class PriceTickEntity extends PanacheEntityBase {

    @Id
    public String ticker;

    public long price;

    public long change;

    @Column(name = "change_rate")
    public double changeRate;

    public long volume;

    @Column(name = "traded_at")
    public LocalDateTime tradedAt;

    PriceTickEntity set(PriceTicked tick) {
        ticker = tick.ticker();
        price = tick.price();
        change = tick.change();
        changeRate = tick.changeRate();
        volume = tick.volume();
        tradedAt = tick.tradedAt();
        return this;
    }

    PriceTicked toTick() {
        return PriceTicked.of(ticker, price, change, changeRate, volume, tradedAt);
    }
}
