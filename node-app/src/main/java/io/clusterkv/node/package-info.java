/** The standalone node process: RESP and HTTP endpoints over a cluster node. */
package io.clusterkv.node;
