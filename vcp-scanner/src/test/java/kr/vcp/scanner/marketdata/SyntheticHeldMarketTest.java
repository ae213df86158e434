package kr.vcp.scanner.marketdata;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import kr.vcp.infra.quarkus.KafkaTestResource;
import kr.vcp.infra.quarkus.PostgresTestResource;
import kr.vcp.scanner.SampleMarket;
import kr.vcp.scanner.SyntheticDataset;

/** {@link HeldMarketTest} on the generated market, in the synthetic dataset. */
@QuarkusTest
@TestProfile(SyntheticDataset.class)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class SyntheticHeldMarketTest extends HeldMarketTest {

    @Override
    void load() {
        SampleMarket.loadSynthetic();
    }

    @Override
    List<String> withFlows() {
        return SampleMarket.planted.subList(0, 2);
    }

    @Override
    int listings() {
        return 500;
    }

    @Override
    int signals() {
        return 10;
    }
}
