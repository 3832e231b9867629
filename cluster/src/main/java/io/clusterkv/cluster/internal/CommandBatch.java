package io.clusterkv.cluster.internal;

/**
 * One message of the ordered stream: commands of one origin, each still encoded (decoded one by one when applied).
 *
 * @param originId   the sending node incarnation
 * @param originTime the sender's clock when it sent the batch; the stream's time is the largest one applied
 * @param requestIds the origin's id of each command, for de-duplication and for answering the caller
 * @param buffer     the bytes holding the commands
 * @param offsets    where each command starts in {@code buffer}
 * @param lengths    each command's length
 */
public record CommandBatch(long originId, long originTime, long[] requestIds, byte[] buffer, int[] offsets,
                           int[] lengths) {

    /** @return the number of commands */
    public int size() {
        return requestIds.length;
    }

    /**
     * @return command {@code i}, decoded
     * @throws MalformedCommandException if it does not decode
     */
    public Command command(int i) {
        return CommandCodec.decodeCommand(buffer, offsets[i], lengths[i]);
    }
}
