package io.clusterkv.chaos.nemesis;

import java.util.Objects;

/**
 * A new node joins under load: it receives the state cut at its marker in the ordered stream while writes go on.
 * The fault window runs from its start until it reports ready.
 *
 * @param node the node to start, one the cluster has room for (up to its maximum size) and that does not run
 */
public record JoinNemesis(String node) implements Nemesis {

    /** @throws NullPointerException if the node is null */
    public JoinNemesis {
        Objects.requireNonNull(node, "node cannot be null");
    }

    @Override
    public String description() {
        return "join of a new node " + node;
    }

    @Override
    public void run(NemesisContext context) {
        var fault = context.faults().begin("join " + node, "new node " + node + " started; joins and receives the"
                + " state under load");
        long started = context.now();
        context.cluster().join(node);
        try {
            context.cluster().awaitReady(node, context.recoveryTimeout());
            context.note(node + " joined and ready " + NemesisContext.seconds(context.now() - started)
                    + " after its start");
        } finally {
            fault.end();
        }
    }
}
