package io.clusterkv.node.resp;

import io.clusterkv.node.testing.InProcessNode;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one node, with default settings and no HTTP endpoint, shared by every class that asks for it
 * (starting a node takes seconds) and closed when the test run ends. Tests on it use their own keys.
 */
final class SharedNode implements ParameterResolver {

    /** Starts a node for RESP tests: real RESP endpoint on a free port, no HTTP endpoint. */
    static InProcessNode startNode(String... extraFlags) {
        String[] flags = new String[extraFlags.length + 2];
        flags[0] = "--http-port";
        flags[1] = "0";
        System.arraycopy(extraFlags, 0, flags, 2, extraFlags.length);
        return InProcessNode.start(flags);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == InProcessNode.class;
    }

    /** The node lives in the root store, which closes it (an AutoCloseable) when the test run ends. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(SharedNode.class, key -> startNode(), InProcessNode.class);
    }
}
