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
}
