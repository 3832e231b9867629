package io.clusterkv.node.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code http-token} check: with a token configured, a request must carry {@code Authorization: Bearer <token>}.
 * The comparison takes the same time whatever the token sent, so timing does not reveal how much of it matched:
 * both sides are hashed to equal lengths and compared with {@link MessageDigest#isEqual}.
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer ";
    private static final String REALM = "Bearer realm=\"clusterkv\"";

    private final byte @Nullable [] expectedHash;

    private BearerAuth(byte @Nullable [] expectedHash) {
        this.expectedHash = expectedHash;
    }

    /** @param token the configured token, or null when requests need none */
    static BearerAuth of(@Nullable String token) {
        return new BearerAuth(token == null ? null : sha256(token));
    }

    /**
     * @throws HttpError (401, with {@code WWW-Authenticate}) if a token is configured and the request lacks it
     */
    void check(HttpHeaders headers) {
        if (expectedHash == null) {
            return;
        }
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw unauthorized("missing bearer token: send 'Authorization: Bearer <token>'", REALM);
        }
        byte[] given = sha256(authorization.substring(SCHEME.length()).strip());
        if (!MessageDigest.isEqual(expectedHash, given)) {
            throw unauthorized("invalid bearer token", REALM + ", error=\"invalid_token\"");
        }
    }

    private static HttpError unauthorized(String message, String challenge) {
        return new HttpError(HttpResponseStatus.UNAUTHORIZED, message,
            Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), challenge));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
