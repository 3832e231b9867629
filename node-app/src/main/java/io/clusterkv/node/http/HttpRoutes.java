package io.clusterkv.node.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import java.util.List;

/**
 * The route table of the HTTP API: each route is one entry, tried in this order; docs/http-api.md documents each
 * with its answers. {@code {key}} is one path segment, percent-decoded. Every route but the health checks needs
 * the bearer token when {@code http-token} is set.
 */
final class HttpRoutes {
    private HttpRoutes() {
    }

    static Router table(KvHandlers kv, NodeHandlers node) {
        return new Router(List.of(
            // one key
            Route.of(GET, "/kv/{key}", kv::get),
            Route.of(PUT, "/kv/{key}", kv::set),
            Route.of(DELETE, "/kv/{key}", kv::delete),
            Route.of(GET, "/kv/{key}/exists", kv::exists),
            Route.of(GET, "/kv/{key}/ttl", kv::ttl),
            Route.of(POST, "/kv/{key}/expire", kv::expire),
            Route.of(POST, "/kv/{key}/increment", kv::increment),
            Route.of(POST, "/kv/{key}/decrement", kv::decrement),
            // bulk: POST, so they never collide with the keys "_mget" and "_mset", which GET, PUT and DELETE reach
            Route.of(POST, "/kv/_mget", kv::mget),
            Route.of(POST, "/kv/_mset", kv::mset),
            // the whole store
            Route.of(GET, "/kv", kv::dump),
            Route.of(DELETE, "/kv", kv::clear),
            Route.of(GET, "/keys", kv::keys),
            Route.of(GET, "/values", kv::values),
            Route.of(GET, "/size", kv::size),
            Route.of(GET, "/empty", kv::isEmpty),
            Route.of(GET, "/stats", kv::stats),
            // the node
            Route.of(GET, "/cluster", node::cluster),
            Route.of(GET, "/metrics", node::metrics),
            Route.open(GET, "/health/live", node::live),
            Route.open(GET, "/health/ready", node::ready)));
    }
}
