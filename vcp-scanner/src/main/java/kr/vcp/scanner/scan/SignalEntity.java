package kr.vcp.scanner.scan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import kr.vcp.model.Grade;
import kr.vcp.model.Market;
import kr.vcp.model.Signal;
import kr.vcp.model.SignalType;

/** A stored signal: the contract's fields plus which scan, day and market it belongs to. */
@Entity
@Table(name = "signals")
public class SignalEntity extends PanacheEntityBase {

    @Id
    // Ids in blocks of 100 (V6): a scan's signals go in as one batch, not one round trip each.
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "signal_ids")
    @SequenceGenerator(name = "signal_ids", sequenceName = "signals_id_seq", allocationSize = 100)
    public Long id;

    @Column(name = "scan_id")
    public UUID scanId;

    @Column(name = "signal_date")
    public LocalDate signalDate;

    public String ticker;

    @Enumerated(EnumType.STRING)
    public Market market;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "signal_type")
    public SignalType signalType;

    public int score;

    @Enumerated(EnumType.STRING)
    public Grade grade;

    @Column(name = "entry_price")
    public long entryPrice;

    @Column(name = "target_price")
    public long targetPrice;

    @Column(name = "stop_loss")
    public long stopLoss;

    @Column(name = "position_size")
    public long positionSize;

    public String[] reasons;

    @Column(name = "created_at")
    public LocalDateTime createdAt;

    @Column(name = "current_price")
    public Long currentPrice;

    @Column(name = "contraction_ratio")
    public Double contractionRatio;

    @Column(name = "foreign_5d")
    public Long foreign5d;

    @Column(name = "inst_5d")
    public Long inst5d;

    public static SignalEntity of(UUID scanId, LocalDate signalDate, Market market, Signal signal) {
        SignalEntity e = new SignalEntity();
        e.scanId = scanId;
        e.signalDate = signalDate;
        e.market = market;
        e.ticker = signal.ticker();
        e.name = signal.name();
        e.signalType = signal.signalType();
        e.score = signal.score();
        e.grade = signal.grade();
        e.entryPrice = signal.entryPrice();
        e.targetPrice = signal.targetPrice();
        e.stopLoss = signal.stopLoss();
        e.positionSize = signal.positionSize();
        e.reasons = signal.reasons().toArray(String[]::new);
        e.createdAt = signal.createdAt();
        e.currentPrice = signal.currentPrice();
        e.contractionRatio = signal.contractionRatio();
        e.foreign5d = signal.foreign5d();
        e.inst5d = signal.inst5d();
        return e;
    }

    public Signal toSignal() {
        return new Signal(ticker, name, signalType, score, grade, entryPrice, targetPrice, stopLoss, positionSize,
                List.of(reasons), createdAt, market, signalDate, currentPrice, contractionRatio, foreign5d, inst5d);
    }
}
