package kr.vcp.scanner;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import kr.vcp.scanner.security.WriteKeyFilter;

/**
 * Every RestAssured request of the scanner's tests carries the test profile's write key, as an operator's would;
 * the tests of refusals send theirs with another client (see WriteKeyTest).
 */
public class WriteKey implements QuarkusTestBeforeEachCallback {

    /** {@code %test.vcp.security.write-api-key}. */
    public static final String TEST_KEY = "test-write-key";

    private static final Filter WITH_KEY = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName(WriteKeyFilter.HEADER)) {
            request.header(WriteKeyFilter.HEADER, TEST_KEY);
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(WITH_KEY)) {
            RestAssured.filters(WITH_KEY);
        }
    }
}
