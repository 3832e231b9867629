/**
 * The Redis protocol endpoint of the standalone node ({@link io.clusterkv.node.resp.RespEndpoint}): RESP2, and
 * RESP3 after {@code HELLO 3}, for redis-cli, redis-benchmark, Jedis, Lettuce and other Redis clients.
 *
 * <h2>Where things are</h2>
 * <ul>
 *   <li>{@code RespDecoder}: requests (arrays of bulk strings, inline commands), Redis' protocol errors, the
 *       max-key-bytes / max-value-bytes / max-request-bytes limits without buffering oversized requests;</li>
 *   <li>{@code RespConnection} and {@code ReplyQueue}: one connection's command order (reads inline on the event
 *       loop, writes through the store's async methods, replies in command order, pipelined);</li>
 *   <li>{@code RespCommands}: the command table, one entry per command; handlers in {@code StringCommands},
 *       {@code KeyCommands}, {@code ConnectionCommands} and {@code ServerCommands};</li>
 *   <li>{@code RespValues}: how byte strings become keys and values; {@code ReplyWriter}: reply encoding;</li>
 *   <li>{@code KeyScanner}: SCAN's cursor; {@code GlobPattern}: KEYS' and SCAN's patterns;
 *       {@code InfoReport}: INFO.</li>
 * </ul>
 *
 * <h2>Values and keys</h2>
 * A bulk string that is a canonical decimal integer within a long is stored as a {@code Long} (INCR works on it and
 * the Java API reads a number), other valid UTF-8 as a {@code String}, anything else as {@code byte[]}; each reads
 * back as the bytes written. Values stored through the Java or HTTP API read as their decimal, UTF-8 or JSON text.
 * Keys are the UTF-8 strings their bytes spell; bytes that are not UTF-8 map to lone surrogates U+DC80..U+DCFF
 * ("surrogateescape"), so every byte string is a distinct key that reads back byte for byte.
 *
 * <h2>Differences from Redis 7, on purpose</h2>
 * Replies and errors are Redis 7's, byte for byte, for every other input ({@code RespDifferentialTest} runs one
 * script against redis-server and a node). Where the node cannot or should not behave like Redis:
 * <ul>
 *   <li>One keyspace: {@code SELECT} accepts 0 only ({@code ERR DB index is out of range} otherwise); every value
 *       is of {@code TYPE} string; only the commands of the table exist.</li>
 *   <li>{@code EXPIRE}/{@code PEXPIRE}'s NX, XX, GT and LT would need a conditional expire in the store, which it
 *       does not have: they are refused with {@code ERR Unsupported option NX}, Redis' reply to an unknown
 *       option. A TTL of zero or less removes the key, as in Redis.</li>
 *   <li>The store takes TTLs up to about 292,000 years; longer ones, which Redis accepts, get
 *       {@code ERR invalid expire time in '...' command}.</li>
 *   <li>{@code SET ... EXAT/PXAT} with a deadline already passed keeps the value for 1 ms, the store's shortest TTL
 *       (Redis removes it at once).</li>
 *   <li>{@code KEYS} lists keys in key order and {@code SCAN} in hash order with its own cursors (Redis: its hash
 *       table's order); neither order is part of Redis' contract.</li>
 *   <li>{@code HELLO} reports version 7.2.0 (clients detect features by it), {@code INFO} has clusterkv's own
 *       fields, {@code CONFIG GET} knows a few parameters and {@code CONFIG SET} none, {@code COMMAND} describes
 *       this table with empty key specifications, tips and documentation arguments.</li>
 * </ul>
 */
package io.clusterkv.node.resp;
