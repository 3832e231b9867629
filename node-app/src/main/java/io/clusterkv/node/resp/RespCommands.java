package io.clusterkv.node.resp;

import static io.clusterkv.node.resp.KeyPositions.ALL;
import static io.clusterkv.node.resp.KeyPositions.FIRST;
import static io.clusterkv.node.resp.KeyPositions.NONE;
import static io.clusterkv.node.resp.KeyPositions.PAIRS;
import static io.clusterkv.node.resp.RespCommand.Kind.CONTROL;
import static io.clusterkv.node.resp.RespCommand.Kind.NO_AUTH;
import static io.clusterkv.node.resp.RespCommand.Kind.READ;
import static io.clusterkv.node.resp.RespCommand.Kind.WRITE;

import java.util.List;

/**
 * The command table: every command the endpoint understands, one entry each, with Redis 7's arity (the name
 * included; negative means "at least"), how it runs, which arguments are keys, and its handler.
 */
final class RespCommands {
    // The groups of Redis' documentation, for COMMAND DOCS and redis-cli's help.
    private static final String CONN = "connection";
    private static final String SERV = "server";
    private static final String STR = "string";
    private static final String KEYS = "generic";

    private RespCommands() {
    }

    /** @return the table of every command */
    static CommandTable table() {
        return new CommandTable(List.of(
            // name       arity kind     keys   group  handler                      summary
            entry("ping",     -1, CONTROL, NONE,  CONN,  ConnectionCommands::ping,   "Answers PONG or the message."),
            entry("echo",      2, CONTROL, NONE,  CONN,  ConnectionCommands::echo,   "Returns the message."),
            entry("hello",    -1, NO_AUTH, NONE,  CONN,  ConnectionCommands::hello,  "Protocol, auth and name."),
            entry("auth",     -2, NO_AUTH, NONE,  CONN,  ConnectionCommands::auth,   "Authenticates the connection."),
            entry("select",    2, CONTROL, NONE,  CONN,  ConnectionCommands::select, "Selects database 0 (the only)."),
            entry("quit",     -1, NO_AUTH, NONE,  CONN,  ConnectionCommands::quit,   "Closes the connection."),
            entry("client",   -2, CONTROL, NONE,  CONN,  ConnectionCommands::client, "Connection name, id and info."),
            entry("command",  -1, CONTROL, NONE,  SERV,  ServerCommands::command,    "Describes the commands."),
            entry("config",   -2, CONTROL, NONE,  SERV,  ServerCommands::config,     "Reads configuration parameters."),
            entry("info",     -1, CONTROL, NONE,  SERV,  ServerCommands::info,       "Node and cluster figures."),
            entry("get",       2, READ,    FIRST, STR,   StringCommands::get,        "Returns the value of a key."),
            entry("set",      -3, WRITE,   FIRST, STR,   StringCommands::set,        "Sets a value, with options."),
            entry("setex",     4, WRITE,   FIRST, STR,   StringCommands::setex,      "Sets a value with a TTL in s."),
            entry("psetex",    4, WRITE,   FIRST, STR,   StringCommands::psetex,     "Sets a value with a TTL in ms."),
            entry("getdel",    2, WRITE,   FIRST, STR,   StringCommands::getdel,     "Returns and deletes a value."),
            entry("mget",     -2, READ,    ALL,   STR,   StringCommands::mget,       "Returns values, read at once."),
            entry("mset",     -3, WRITE,   PAIRS, STR,   StringCommands::mset,       "Sets values, all at once."),
            entry("incr",      2, WRITE,   FIRST, STR,   StringCommands::incr,       "Adds 1 to an integer."),
            entry("incrby",    3, WRITE,   FIRST, STR,   StringCommands::incrby,     "Adds to an integer."),
            entry("decr",      2, WRITE,   FIRST, STR,   StringCommands::decr,       "Subtracts 1 from an integer."),
            entry("decrby",    3, WRITE,   FIRST, STR,   StringCommands::decrby,     "Subtracts from an integer."),
            entry("del",      -2, WRITE,   ALL,   KEYS,  KeyCommands::del,           "Deletes keys."),
            entry("unlink",   -2, WRITE,   ALL,   KEYS,  KeyCommands::del,           "Deletes keys."),
            entry("exists",   -2, READ,    ALL,   KEYS,  KeyCommands::exists,        "Counts the keys that exist."),
            entry("expire",   -3, WRITE,   FIRST, KEYS,  KeyCommands::expire,        "Sets a key's TTL in s."),
            entry("pexpire",  -3, WRITE,   FIRST, KEYS,  KeyCommands::pexpire,       "Sets a key's TTL in ms."),
            entry("persist",   2, WRITE,   FIRST, KEYS,  KeyCommands::persist,       "Removes a key's TTL."),
            entry("ttl",       2, READ,    FIRST, KEYS,  KeyCommands::ttl,           "Returns a key's TTL in s."),
            entry("pttl",      2, READ,    FIRST, KEYS,  KeyCommands::pttl,          "Returns a key's TTL in ms."),
            entry("type",      2, READ,    FIRST, KEYS,  KeyCommands::type,          "Returns string, or none."),
            entry("keys",      2, READ,    NONE,  KEYS,  KeyCommands::keys,          "Returns the keys that match."),
            entry("scan",     -2, READ,    NONE,  KEYS,  KeyCommands::scan,          "Iterates over the keys."),
            entry("dbsize",    1, READ,    NONE,  SERV,  KeyCommands::dbsize,        "Returns the number of keys."),
            entry("flushdb",  -1, WRITE,   NONE,  SERV,  KeyCommands::flush,         "Removes every key."),
            entry("flushall", -1, WRITE,   NONE,  SERV,  KeyCommands::flush,         "Removes every key.")));
    }

    private static RespCommand entry(String name, int arity, RespCommand.Kind kind, KeyPositions keys, String group,
                                     CommandHandler handler, String summary) {
        return new RespCommand(name, arity, kind, keys, group, summary, handler);
    }
}
