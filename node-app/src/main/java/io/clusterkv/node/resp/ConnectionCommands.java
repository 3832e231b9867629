package io.clusterkv.node.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The connection commands: PING, ECHO, HELLO, AUTH, SELECT, QUIT and CLIENT. */
final class ConnectionCommands {
    /** The server identity HELLO reports; clients check the version for features, so it is Redis' own. */
    static final String REDIS_VERSION = "7.2.0";
    /** The one user; user names are case-sensitive, as in Redis. */
    private static final byte[] DEFAULT_USER = "default".getBytes(StandardCharsets.US_ASCII);

    private static final Subcommands CLIENT = new Subcommands("client", List.of(
        new Subcommands.Entry("id", 2, ConnectionCommands::clientId),
        new Subcommands.Entry("setname", 3, ConnectionCommands::clientSetName),
        new Subcommands.Entry("getname", 2, ConnectionCommands::clientGetName),
        new Subcommands.Entry("setinfo", 4, ConnectionCommands::clientSetInfo),
        new Subcommands.Entry("info", 2, ConnectionCommands::clientInfo),
        new Subcommands.Entry("list", -2, ConnectionCommands::clientList),
        new Subcommands.Entry("no-evict", 3, ConnectionCommands::clientOnOff),
        new Subcommands.Entry("no-touch", 3, ConnectionCommands::clientOnOff),
        new Subcommands.Entry("help", 2, ConnectionCommands::clientHelp)));

    private ConnectionCommands() {
    }

    static void ping(CommandCall call) {
        if (call.argc() > 2) {
            call.reply().error(RespErrors.wrongArity(call.commandName()));
        } else if (call.argc() == 2) {
            call.reply().bulk(call.arg(1));
        } else {
            call.reply().simple("PONG");
        }
    }

    static void echo(CommandCall call) {
        call.reply().bulk(call.arg(1));
    }

    /** SELECT: there is one keyspace, database 0. */
    static void select(CommandCall call) {
        byte[] index = call.arg(1);
        if (!RespNumbers.isCanonicalLong(index)) {
            call.reply().error(RespErrors.NOT_AN_INTEGER);
        } else if (RespNumbers.parseCanonicalLong(index) != (int) RespNumbers.parseCanonicalLong(index)) {
            call.reply().error(RespErrors.NOT_AN_INT);
        } else if (RespNumbers.parseCanonicalLong(index) != 0) {
            call.reply().error(RespErrors.DB_INDEX_OUT_OF_RANGE);
        } else {
            call.reply().ok();
        }
    }

    static void quit(CommandCall call) {
        call.reply().ok();
        call.closeAfterReply();
    }

    /** AUTH [user] password, the only user being "default", as in Redis without ACLs. */
    static void auth(CommandCall call) {
        if (call.argc() > 3) {
            call.reply().error(RespErrors.SYNTAX);
        } else if (call.argc() == 2 && !call.server().passwordRequired()) {
            call.reply().error(RespErrors.NO_PASSWORD_CONFIGURED);
        } else if (authenticate(call, call.argc() == 2 ? null : call.arg(1), call.arg(call.argc() - 1))) {
            call.reply().ok();
        } else {
            call.reply().error(RespErrors.WRONGPASS);
        }
    }

    /**
     * Checks credentials as Redis' default user does: without a password configured any password of "default"
     * is accepted; with one, only that password.
     *
     * @param user the user, null for the one-argument AUTH (the default user)
     * @return whether they are accepted; the session is authenticated then
     */
    private static boolean authenticate(CommandCall call, byte @Nullable [] user, byte[] password) {
        boolean accepted = (user == null || Arrays.equals(user, DEFAULT_USER))
            && (!call.server().passwordRequired() || call.server().checkPassword(password));
        if (accepted) {
            call.session().authenticated();
        }
        return accepted;
    }

    /** HELLO [protover [AUTH user password] [SETNAME name]], as Redis 7 parses and answers it. */
    static void hello(CommandCall call) {
        int version = helloVersion(call);
        HelloOptions options = version < 0 ? null : HelloOptions.parse(call);
        if (options == null) {
            return;
        }
        if (options.user() != null && !authenticate(call, options.user(), options.password())) {
            call.reply().error(RespErrors.WRONGPASS);
        } else if (!call.session().mayExecute()) {
            call.reply().error(RespErrors.HELLO_NOAUTH);
        } else if (options.name() == null || setName(call, options.name())) {
            if (version != 0) {
                call.useResp3(version == 3);
            }
            replyHello(call);
        }
    }

    /** @return the protocol version asked for, 0 for none (keep the current one), -1 after replying an error */
    private static int helloVersion(CommandCall call) {
        if (call.argc() < 2) {
            return 0;
        }
        byte[] argument = call.arg(1);
        if (!RespNumbers.isCanonicalLong(argument)) {
            call.reply().error(RespErrors.PROTOCOL_VERSION_NOT_INTEGER);
            return -1;
        }
        long requested = RespNumbers.parseCanonicalLong(argument);
        if (requested < 2 || requested > 3) {
            call.reply().error(RespErrors.NOPROTO);
            return -1;
        }
        return (int) requested;
    }

    /**
     * HELLO's options after the version.
     *
     * @param user     AUTH's user, or null without AUTH
     * @param password AUTH's password (empty without AUTH)
     * @param name     SETNAME's name, or null
     */
    private record HelloOptions(byte @Nullable [] user, byte[] password, byte @Nullable [] name) {

        /** @return the options, or null after replying Redis' syntax error */
        static @Nullable HelloOptions parse(CommandCall call) {
            byte[] user = null;
            byte[] password = new byte[0];
            byte[] name = null;
            for (int j = 2; j < call.argc(); j++) {
                int more = call.argc() - 1 - j;
                if (call.argIs(j, "auth") && more >= 2) {
                    user = call.arg(j + 1);
                    password = call.arg(j + 2);
                    j += 2;
                } else if (call.argIs(j, "setname") && more >= 1) {
                    name = call.arg(++j);
                } else {
                    call.reply().error("ERR Syntax error in HELLO option '" + call.text(j) + "'");
                    return null;
                }
            }
            return new HelloOptions(user, password, name);
        }
    }

    private static void replyHello(CommandCall call) {
        ReplyWriter reply = call.reply();
        reply.mapHeader(7);
        reply.bulk("server");
        reply.bulk("redis");
        reply.bulk("version");
        reply.bulk(REDIS_VERSION);
        reply.bulk("proto");
        reply.integer(reply.isResp3() ? 3 : 2);
        reply.bulk("id");
        reply.integer(call.session().id());
        reply.bulk("mode");
        reply.bulk("standalone");
        reply.bulk("role");
        reply.bulk("master");
        reply.bulk("modules");
        reply.arrayHeader(0);
    }

    // ------------------------------------------------------------------ CLIENT

    static void client(CommandCall call) {
        CLIENT.execute(call);
    }

    private static void clientId(CommandCall call) {
        call.reply().integer(call.session().id());
    }

    private static void clientSetName(CommandCall call) {
        if (setName(call, call.arg(2))) {
            call.reply().ok();
        }
    }

    /** @return whether the name was valid and set (else the error has been replied); an empty name clears it */
    private static boolean setName(CommandCall call, byte[] name) {
        if (!isPrintableWithoutSpaces(name)) {
            call.reply().error(RespErrors.INVALID_CLIENT_NAME);
            return false;
        }
        call.session().name(name.length == 0 ? null : RespValues.toKey(name));
        return true;
    }

    private static void clientGetName(CommandCall call) {
        String name = call.session().name();
        if (name == null) {
            call.reply().nullValue();
        } else {
            call.reply().bulk(name);
        }
    }

    /** CLIENT SETINFO LIB-NAME name | LIB-VER version (Redis 7.2; clients send it on connecting). */
    private static void clientSetInfo(CommandCall call) {
        boolean name = call.argIs(2, "lib-name");
        if (!name && !call.argIs(2, "lib-ver")) {
            call.reply().error("ERR Unrecognized option '" + call.text(2) + "'");
            return;
        }
        if (!isPrintableWithoutSpaces(call.arg(3))) {
            call.reply().error("ERR " + (name ? "lib-name" : "lib-ver")
                + " cannot contain spaces, newlines or special characters.");
            return;
        }
        call.session().library(name ? call.text(3) : null, name ? null : call.text(3));
        call.reply().ok();
    }

    private static void clientInfo(CommandCall call) {
        call.reply().verbatim(call.session().describe(call.server().clock().millis()));
    }

    private static void clientList(CommandCall call) {
        long now = call.server().clock().millis();
        StringBuilder list = new StringBuilder();
        for (ClientSession session : call.server().sessions()) {
            list.append(session.describe(now));
        }
        call.reply().verbatim(list.toString());
    }

    /** CLIENT NO-EVICT and NO-TOUCH: nothing is evicted and nothing is tracked here, so both are accepted. */
    private static void clientOnOff(CommandCall call) {
        if (call.argIs(2, "on") || call.argIs(2, "off")) {
            call.reply().ok();
        } else {
            call.reply().error(RespErrors.SYNTAX);
        }
    }

    private static void clientHelp(CommandCall call) {
        call.reply().simpleStrings(List.of(
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GETNAME", "    Return the name of the current connection.",
            "ID", "    Return the ID of the current connection.",
            "INFO", "    Return information about the current client connection.",
            "LIST", "    Return information about client connections.",
            "NO-EVICT (ON|OFF)", "    Accepted; clusterkv evicts nothing.",
            "NO-TOUCH (ON|OFF)", "    Accepted; clusterkv tracks no access times.",
            "SETINFO <option> <value>", "    Set client meta attr. Options are:",
            "    * LIB-NAME: the client lib name.", "    * LIB-VER: the client lib version.",
            "SETNAME <name>", "    Assign the name <name> to the current connection.",
            "HELP", "    Print this help."));
    }

    /** Redis' rule for client names and library info: printable ASCII, no spaces. */
    private static boolean isPrintableWithoutSpaces(byte[] text) {
        for (byte b : text) {
            if (b < '!' || b > '~') {
                return false;
            }
        }
        return true;
    }
}
