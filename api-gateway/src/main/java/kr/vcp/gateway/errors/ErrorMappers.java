package kr.vcp.gateway.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import kr.vcp.model.ApiError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What JAX-RS itself refuses (no such path, method or content type) answered in the body of every other error; the
 * scanner's answers that the dashboard API passes through keep their own.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.forStatus(status, e.getMessage())).build();
    }
}
