package io.clusterkv.node.resp;

import java.util.List;

/**
 * The subcommands of a container command (CLIENT, CONFIG, COMMAND), each with its own arity, refused with
 * Redis' texts: {@code wrong number of arguments for 'client|setname' command} and
 * {@code unknown subcommand 'x'. Try CLIENT HELP.}
 */
final class Subcommands {
    /**
     * One subcommand.
     *
     * @param name    its name, in lower case
     * @param arity   Redis' arity, counting the container's name and the subcommand's
     * @param handler what executes it
     */
    record Entry(String name, int arity, CommandHandler handler) {
    }

    private final String container;
    private final List<Entry> entries;

    Subcommands(String container, List<Entry> entries) {
        this.container = container;
        this.entries = List.copyOf(entries);
    }

    /** Runs the subcommand named by argument 1, or replies Redis' error. */
    void execute(CommandCall call) {
        for (Entry entry : entries) {
            if (call.argIs(1, entry.name())) {
                if (entry.arity() >= 0 ? call.argc() != entry.arity() : call.argc() < -entry.arity()) {
                    call.reply().error(RespErrors.wrongArity(container + "|" + entry.name()));
                } else {
                    call.session().executing(container + "|" + entry.name(), call.server().clock().millis());
                    entry.handler().execute(call);
                }
                return;
            }
        }
        call.reply().error(RespErrors.unknownSubcommand(call.arg(1), container));
    }

    /** @return the subcommands, for COMMAND's reports */
    List<Entry> entries() {
        return entries;
    }
}
