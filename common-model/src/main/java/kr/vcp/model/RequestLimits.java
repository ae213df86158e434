package kr.vcp.model;

import java.util.Map;

/**
 * The size limits of a request both services answer in their error body, before reading it: a path and query over
 * 4 KB is a 414, headers over 16 KB a 431, a declared body over the service's limit a 413. (Their HTTP decoders
 * answer their own, higher limits with a bare status.)
 */
public final class RequestLimits {

    public static final int MAX_URI = 4096;
    public static final int MAX_HEADERS = 16 * 1024;

    /** A refusal: its status and body. */
    public record Refusal(int status, ApiError error) {
    }

    private RequestLimits() {
    }

    /** The refusal of a request with this {@code uri}, {@code headers} and Content-Length, or null when it is within. */
    public static Refusal check(String uri, Iterable<Map.Entry<String, String>> headers, String contentLength,
            long maxBody) {
        if (uri.length() > MAX_URI) {
            return refusal(414, "the path and query are at most " + MAX_URI + " bytes");
        }
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        if (size > MAX_HEADERS) {
            return refusal(431, "the headers are at most " + MAX_HEADERS + " bytes");
        }
        if (contentLength != null && contentLength.length() < 19 && !contentLength.isEmpty()
                && contentLength.chars().allMatch(Character::isDigit) && Long.parseLong(contentLength) > maxBody) {
            return refusal(413, "a body is at most " + maxBody + " bytes");
        }
        return null;
    }

    private static Refusal refusal(int status, String message) {
        return new Refusal(status, ApiError.forStatus(status, message));
    }
}
