package io.clusterkv.node.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server commands: INFO, CONFIG and COMMAND. */
final class ServerCommands {
    private static final Subcommands CONFIG = new Subcommands("config", List.of(
        new Subcommands.Entry("get", -3, ServerCommands::configGet),
        new Subcommands.Entry("set", -4, ServerCommands::configSet),
        new Subcommands.Entry("resetstat", 2, call -> call.reply().ok()),
        new Subcommands.Entry("help", 2, ServerCommands::configHelp)));

    private static final Subcommands COMMAND = new Subcommands("command", List.of(
        new Subcommands.Entry("count", 2, call -> call.reply().integer(call.server().commands().all().size())),
        new Subcommands.Entry("info", -2, ServerCommands::commandInfo),
        new Subcommands.Entry("docs", -2, ServerCommands::commandDocs),
        new Subcommands.Entry("list", -2, ServerCommands::commandList),
        new Subcommands.Entry("help", 2, ServerCommands::commandHelp)));

    private ServerCommands() {
    }

    /** INFO [section ...]. */
    static void info(CommandCall call) {
        List<String> sections = new ArrayList<>();
        for (int i = 1; i < call.argc(); i++) {
            sections.add(call.text(i));
        }
        call.reply().verbatim(InfoReport.of(call.server(), call.storeIfReady(), sections));
    }

    // ------------------------------------------------------------------ CONFIG

    static void config(CommandCall call) {
        CONFIG.execute(call);
    }

    /**
     * CONFIG GET pattern...: the few parameters tools ask for (redis-benchmark reads "save" and "appendonly"),
     * with clusterkv's answers; other names match nothing, as unknown names do in Redis.
     */
    private static void configGet(CommandCall call) {
        Map<String, String> parameters = configParameters(call.server());
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 2; i < call.argc(); i++) {
            // Redis matches parameter names ignoring case; ours are lower case, so the pattern is lowered.
            GlobPattern pattern = new GlobPattern(asciiLowerCase(call.arg(i)));
            parameters.forEach((name, value) -> {
                if (pattern.matches(name.getBytes(StandardCharsets.US_ASCII))) {
                    matched.put(name, value);
                }
            });
        }
        call.reply().mapHeader(matched.size());
        matched.forEach((name, value) -> {
            call.reply().bulk(name);
            call.reply().bulk(value);
        });
    }

    private static byte[] asciiLowerCase(byte[] text) {
        byte[] lower = text.clone();
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] >= 'A' && lower[i] <= 'Z') {
                lower[i] += 'a' - 'A';
            }
        }
        return lower;
    }

    private static Map<String, String> configParameters(RespServer server) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("save", ""); // nothing is persisted
        parameters.put("appendonly", "no");
        parameters.put("databases", "1");
        parameters.put("port", String.valueOf(server.settings().respPort()));
        parameters.put("bind", server.settings().bindAddress());
        parameters.put("timeout", "0");
        parameters.put("maxmemory", "0");
        parameters.put("maxmemory-policy", "noeviction");
        parameters.put("proto-max-bulk-len", String.valueOf(server.limits().maxValueBytes()));
        return parameters;
    }

    /** CONFIG SET: the node is configured by its settings at start; nothing can be set at run time. */
    private static void configSet(CommandCall call) {
        call.reply().error("ERR Unknown option or number of arguments for CONFIG SET - '" + call.text(2) + "'");
    }

    private static void configHelp(CommandCall call) {
        call.reply().simpleStrings(List.of(
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>", "    Refused: clusterkv takes its settings at start.",
            "RESETSTAT", "    Accepted; statistics are not reset.",
            "HELP", "    Print this help."));
    }

    // ------------------------------------------------------------------ COMMAND

    /** COMMAND [subcommand]: bare COMMAND describes every command, as redis-cli expects. */
    static void command(CommandCall call) {
        if (call.argc() == 1) {
            List<RespCommand> all = call.server().commands().all();
            call.reply().arrayHeader(all.size());
            all.forEach(command -> describe(call.reply(), command));
        } else {
            COMMAND.execute(call);
        }
    }

    private static void commandInfo(CommandCall call) {
        if (call.argc() == 2) {
            command(call.server().commands().all(), call);
            return;
        }
        call.reply().arrayHeader(call.argc() - 2);
        for (int i = 2; i < call.argc(); i++) {
            RespCommand command = call.server().commands().lookup(call.arg(i));
            if (command == null) {
                call.reply().nullValue();
            } else {
                describe(call.reply(), command);
            }
        }
    }

    private static void command(List<RespCommand> commands, CommandCall call) {
        call.reply().arrayHeader(commands.size());
        commands.forEach(command -> describe(call.reply(), command));
    }

    /** Writes a command's COMMAND INFO entry, in Redis 7's ten-field shape. */
    private static void describe(ReplyWriter reply, RespCommand command) {
        reply.arrayHeader(10);
        reply.bulk(command.name());
        reply.integer(command.arity());
        List<String> flags = flags(command);
        reply.setHeader(flags.size());
        flags.forEach(reply::simple);
        reply.integer(command.keys().first());
        reply.integer(command.keys().last());
        reply.integer(command.keys().step());
        reply.setHeader(1);
        reply.simple(switch (command.kind()) {
            case READ -> "@read";
            case WRITE -> "@write";
            default -> "@connection";
        });
        reply.arrayHeader(0); // tips
        reply.arrayHeader(0); // key specifications
        reply.arrayHeader(0); // subcommands
    }

    private static List<String> flags(RespCommand command) {
        return switch (command.kind()) {
            case READ -> List.of("readonly");
            case WRITE -> List.of("write");
            case CONTROL -> List.of("loading", "stale");
            case NO_AUTH -> List.of("noauth", "loading", "stale");
        };
    }

    private static void commandDocs(CommandCall call) {
        List<RespCommand> documented = new ArrayList<>();
        if (call.argc() == 2) {
            documented.addAll(call.server().commands().all());
        } else {
            for (int i = 2; i < call.argc(); i++) {
                RespCommand command = call.server().commands().lookup(call.arg(i));
                if (command != null) {
                    documented.add(command);
                }
            }
        }
        ReplyWriter reply = call.reply();
        reply.mapHeader(documented.size());
        for (RespCommand command : documented) {
            reply.bulk(command.name());
            reply.mapHeader(3);
            reply.bulk("summary");
            reply.bulk(command.summary());
            reply.bulk("group");
            reply.bulk(command.group());
            reply.bulk("arguments");
            reply.arrayHeader(0);
        }
    }

    private static void commandList(CommandCall call) {
        List<RespCommand> all = call.server().commands().all();
        call.reply().arrayHeader(all.size());
        all.forEach(command -> call.reply().bulk(command.name()));
    }

    private static void commandHelp(CommandCall call) {
        call.reply().simpleStrings(List.of(
            "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "(no subcommand)", "    Return details about all commands.",
            "COUNT", "    Return the total number of commands.",
            "DOCS [<command-name> ...]", "    Return documentation details about commands.",
            "INFO [<command-name> ...]", "    Return details about the given commands, or all of them.",
            "LIST", "    Return a list of all commands.",
            "HELP", "    Print this help."));
    }
}
