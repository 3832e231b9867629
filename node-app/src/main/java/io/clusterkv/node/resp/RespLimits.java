package io.clusterkv.node.resp;

import io.clusterkv.config.NodeSettings;

/**
 * What one RESP request may hold. Requests over a limit are answered with an error naming the limit, and their
 * bytes are skipped as they arrive, never buffered in full.
 *
 * @param maxKeyBytes     the largest key argument (setting max-key-bytes)
 * @param maxValueBytes   the largest other argument (setting max-value-bytes)
 * @param maxRequestBytes the most bytes all arguments of one command may hold together (setting max-request-bytes)
 * @param maxArguments    the most arguments of one command; more is a protocol error, as an out-of-range multibulk
 *                        length is in Redis
 */
record RespLimits(long maxKeyBytes, long maxValueBytes, long maxRequestBytes, int maxArguments) {
    /** Redis 6's limit on the arguments of one command: one million and a bit. */
    static final int DEFAULT_MAX_ARGUMENTS = 1024 * 1024;

    /** @return the limits the node's settings configure */
    static RespLimits from(NodeSettings settings) {
        return new RespLimits(settings.maxKeyBytes(), settings.maxValueBytes(), settings.maxRequestBytes(),
            DEFAULT_MAX_ARGUMENTS);
    }
}
