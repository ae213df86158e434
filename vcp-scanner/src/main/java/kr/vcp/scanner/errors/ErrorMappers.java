package kr.vcp.scanner.errors;

import kr.vcp.scanner.stock.UnknownTickerException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kr.vcp.model.ApiError;
import kr.vcp.scanner.marketdata.MarketDataFiles;
import kr.vcp.scanner.scan.ScanConflictException;
import kr.vcp.scanner.synthetic.SyntheticService;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns what went wrong into a status and an {@link ApiError} body. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return json(400, e.toError());
    }

    @ServerExceptionMapper
    public Response malformedFile(MarketDataFiles.MalformedFileException e) {
        return json(400, ApiError.of("malformed_file", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response noMarketData(NoMarketDataException e) {
        return json(422, ApiError.of("no_market_data", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response scanConflict(ScanConflictException e) {
        return json(409, ApiError.of("scan_running", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknownTicker(UnknownTickerException e) {
        return json(404, ApiError.of("unknown_ticker", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response generatorRefused(SyntheticService.GeneratorRefusedException e) {
        return json(403, ApiError.of("generator_refused", e.getMessage()));
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
