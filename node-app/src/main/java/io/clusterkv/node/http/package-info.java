/**
 * The node's HTTP endpoint: a JSON API over the store (every operation of the KV specification), the cluster's view,
 * Prometheus metrics and health checks, on Netty. {@link io.clusterkv.node.http.HttpRoutes} is the route table;
 * docs/http-api.md documents each route.
 */
package io.clusterkv.node.http;
