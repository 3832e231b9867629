package io.clusterkv.benchmarks.replicated;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/**
 * The ProtoStream schema of the benchmark's own marshallable types; the annotation processor generates
 * {@code InfinispanSchemaImpl}, which the Infinispan configuration registers as a context initializer.
 */
@ProtoSchema(includeClasses = AddLong.class, schemaFileName = "clusterkv-bench.proto",
    schemaFilePath = "proto/", schemaPackageName = "clusterkv.bench")
public interface InfinispanSchema extends GeneratedSchema {
}
