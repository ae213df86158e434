package kr.vcp.scanner.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ScanRepository implements PanacheRepositoryBase<ScanEntity, UUID> {
}
