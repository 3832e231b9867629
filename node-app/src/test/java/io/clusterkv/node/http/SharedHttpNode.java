package io.clusterkv.node.http;

import io.clusterkv.node.testing.InProcessNode;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One node for the HTTP test classes that can share it, started once per test run (a node takes seconds to form
 * its cluster) and closed when the run ends. It requires a bearer token, so every class that shares it also runs
 * with authentication on, and has small size limits, so that the limits can be exceeded with small requests.
 * A test class receives it as an {@link InProcessNode} parameter of its {@code @BeforeAll} method.
 */
public final class SharedHttpNode implements ParameterResolver {
    static final String TOKEN = "test-token-7f3a";
    static final long MAX_KEY_BYTES = 100;
    static final long MAX_VALUE_BYTES = 300;
    static final long MAX_REQUEST_BYTES = 1024;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedHttpNode.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == InProcessNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        // In the root store, so the node outlives each class; JUnit closes it (AutoCloseable) when the run ends.
        return extension.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("node", unused -> InProcessNode.start(
            "--resp-port", "0", "--http-token", TOKEN, "--max-key-bytes", String.valueOf(MAX_KEY_BYTES),
            "--max-value-bytes", String.valueOf(MAX_VALUE_BYTES),
            "--max-request-bytes", String.valueOf(MAX_REQUEST_BYTES)), InProcessNode.class);
    }
}
