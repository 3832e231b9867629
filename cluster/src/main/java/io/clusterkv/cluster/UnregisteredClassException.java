package io.clusterkv.cluster;

import io.clusterkv.core.InvalidArgumentException;

/**
 * A value (or something inside it) is of a class that is not registered for replication. Only registered classes
 * are ever written to or read from the cluster, so a forged message cannot make a node build an arbitrary object.
 * Nothing was sent.
 */
public class UnregisteredClassException extends InvalidArgumentException {

    /** @param className the class that is not registered */
    public UnregisteredClassException(String className) {
        super("values of class " + className + " cannot be replicated: the class is not registered; register it on "
            + "every node (ClusterNode.Builder.registerClasses, or the kryo-classes setting)");
    }
}
