package io.clusterkv.node.resp;

/** Executes one command: writes its reply to the call now, or hands the call an asynchronous write to answer. */
@FunctionalInterface
interface CommandHandler {

    /** @param call the command's arguments, the store and where the reply goes; valid only during this call */
    void execute(CommandCall call);
}
