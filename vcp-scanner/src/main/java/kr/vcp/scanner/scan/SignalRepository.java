package kr.vcp.scanner.scan;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import kr.vcp.model.Market;

@ApplicationScoped
public class SignalRepository implements PanacheRepositoryBase<SignalEntity, Long> {

    /** Within the caller's transaction: the day's signals of {@code markets} become exactly {@code signals}. */
    public Uni<Void> replace(LocalDate signalDate, Collection<Market> markets, List<SignalEntity> signals) {
        return delete("signalDate = ?1 and market in ?2", signalDate, List.copyOf(markets))
                .chain(() -> signals.isEmpty() ? Uni.createFrom().voidItem() : persist(signals))
                .chain(() -> flush());
    }

    /** The signals of each of {@code markets}' newest signal day, best first: what the VCP page shows. */
    public Uni<List<SignalEntity>> latest(Collection<Market> markets, int limit) {
        return find("""
                from SignalEntity s where s.market in ?1
                and s.signalDate = (select max(x.signalDate) from SignalEntity x where x.market = s.market)
                order by s.score desc, s.ticker""", List.copyOf(markets)).page(0, limit).list();
    }

    /** {@code ticker}'s signals, newest day first. */
    public Uni<List<SignalEntity>> ofTicker(String ticker, int limit) {
        return find("ticker = ?1 order by signalDate desc, id desc", ticker).page(0, limit).list();
    }
}
