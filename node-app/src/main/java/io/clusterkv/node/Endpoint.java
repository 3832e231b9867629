package io.clusterkv.node;

import java.time.Duration;

/** A network endpoint of the node (RESP, HTTP), with a life cycle that lets requests in flight finish. */
public interface Endpoint extends AutoCloseable {

    /** @return the port it listens on */
    int port();

    /** Stops accepting connections; open connections keep being served. */
    void stopAccepting();

    /** Waits, at most {@code max}, until every request received so far has been answered. */
    void awaitInFlight(Duration max);

    /** Closes every connection. */
    @Override
    void close();
}
