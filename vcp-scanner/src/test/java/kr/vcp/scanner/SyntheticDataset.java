package kr.vcp.scanner;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The scanner serving the synthetic dataset, for tests of the engine on planted setups: see SampleMarket. */
public class SyntheticDataset implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vcp.dataset", "synthetic");
    }
}
