package org.activity4j.agent.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.activity4j.agent.PasswordHash;
import org.jspecify.annotations.Nullable;

/**
 * The agent's command line: {@code [--config FILE] [--key=value ...]} runs the agent until {@code SIGTERM},
 * {@code add-user --users FILE NAME} adds a temBoard user (or changes its password), {@code add-key --keys FILE
 * ACCOUNT} adds a Landscape access key, {@code add-landscape-user --landscape-users FILE EMAIL ACCOUNT} adds a
 * person who logs in to the Landscape API with a password (or changes it), {@code --help} lists the keys. Exit status: 0, 1 when the agent cannot
 * start (address in use, PostgreSQL unreachable), 2 for a usage or configuration error (the message on
 * stderr); after {@code SIGTERM} the JVM exits 143 once requests in flight are done.
 */
public final class Cli {
    /** Done. */
    public static final int OK = 0;

    /** The agent could not start: the address, a PostgreSQL. */
    public static final int FAILED = 1;

    /** A usage or configuration error. */
    public static final int USAGE = 2;

    private static final Pattern PASSWORD = Pattern.compile(".{5,32}", Pattern.DOTALL);

    /** What a command reads and writes. */
    public record Io(
            PrintStream out,
            PrintStream err,
            InputStream in,
            @Nullable Console console,
            Map<String, String> environment) {
        /** The process's own. */
        public static Io system() {
            return new Io(System.out, System.err, System.in, System.console(), System.getenv());
        }
    }

    private final Io io;

    private Cli(Io io) {
        this.io = io;
    }

    /**
     * Runs the command of {@code args}; for the agent itself, returns only after a shutdown hook stopped it.
     *
     * @return the exit status
     */
    public static int run(String[] args, Io io) {
        Cli cli = new Cli(io);
        List<String> list = Arrays.asList(args);
        try {
            if (!list.isEmpty() && list.get(0).equals("add-user")) {
                return cli.addUser(list.subList(1, list.size()));
            }
            if (!list.isEmpty() && list.get(0).equals("add-key")) {
                return cli.addKey(list.subList(1, list.size()));
            }
            if (!list.isEmpty() && list.get(0).equals("add-landscape-user")) {
                return cli.addLandscapeUser(list.subList(1, list.size()));
            }
            if (list.contains("--help") || list.contains("-h")) {
                io.out.print(help());
                return OK;
            }
            AgentConfig config = cli.config(list);
            return cli.serve(config);
        } catch (ConfigException | UsageException e) {
            io.err.println("activity4j agent: " + e.getMessage());
            if (e instanceof UsageException) {
                io.err.println("activity4j agent: --help shows the usage");
            }
            return USAGE;
        }
    }

    private AgentConfig config(List<String> args) {
        Optional<Path> file = Optional.empty();
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--config")) {
                if (i + 1 == args.size()) {
                    throw new UsageException("--config needs a FILE");
                }
                file = once(file, args.get(++i));
            } else if (a.startsWith("--config=")) {
                file = once(file, a.substring("--config=".length()));
            } else if (a.startsWith("--") && a.indexOf('=') > 2) {
                String key = a.substring(2, a.indexOf('='));
                if (flags.put(key, a.substring(a.indexOf('=') + 1)) != null) {
                    throw new UsageException("--" + key + " is given twice");
                }
            } else {
                throw new UsageException("unexpected argument '" + a + "' (flags are --key=value)");
            }
        }
        return AgentConfig.load(file, flags, io.environment);
    }

    private static Optional<Path> once(Optional<Path> file, String name) {
        if (file.isPresent()) {
            throw new UsageException("--config is given twice");
        }
        if (name.isEmpty()) {
            throw new UsageException("--config needs a FILE");
        }
        return Optional.of(Path.of(name));
    }

    private int serve(AgentConfig config) {
        LaunchedAgent running;
        try {
            running = LaunchedAgent.start(config);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            io.err.println("activity4j agent: cannot start: " + e.getMessage());
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AgentLogManager.deferResetUntilStopped();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                running.stop(config.shutdownGrace());
                            } finally {
                                AgentLogManager.resetNow();
                                stopped.countDown();
                            }
                        },
                        "activity4j-agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    private int addUser(List<String> args) {
        Command command = command(args, "--users", "add-user --users FILE NAME");
        String name = command.argument();
        if (!UsersFile.validName(name)) {
            throw new UsageException("a user name is 3 to 16 of a-z and 0-9: " + name);
        }
        String password = readPassword(name);
        if (!PASSWORD.matcher(password).matches()) {
            throw new UsageException("a password is 5 to 32 characters long (the agent's login refuses others)");
        }
        Path file = command.file();
        try {
            boolean replaced = UsersFile.put(file, name, PasswordHash.of(password));
            io.out.println((replaced ? "changed the password of " : "added user ") + name + " in " + file
                    + "; restart the agent to use it");
            return OK;
        } catch (IOException e) {
            io.err.println("activity4j agent: cannot write " + file + ": " + e);
            return FAILED;
        }
    }

    private int addLandscapeUser(List<String> args) {
        Command command =
                command(args, "--landscape-users", "add-landscape-user --landscape-users FILE EMAIL ACCOUNT", 2);
        String email = command.arguments().get(0);
        String account = command.arguments().get(1);
        if (!LandscapeUsersFile.validEmail(email)) {
            throw new UsageException(
                    "an email is up to 254 printable ASCII characters other than ':' and space, with one '@': "
                            + email);
        }
        if (!KeysFile.validAccount(account)) {
            throw new UsageException("an account is 1 to 128 of A-Z, a-z, 0-9, '.', '_', '@', '-': " + account);
        }
        String password = readPassword(email);
        if (password.isEmpty()) {
            throw new UsageException("the password is empty");
        }
        Path file = command.file();
        try {
            boolean replaced = LandscapeUsersFile.put(file, email, account, PasswordHash.of(password));
            io.out.println((replaced ? "changed " : "added ") + email + " (account " + account + ") in " + file
                    + "; restart the agent to use it");
            return OK;
        } catch (IOException e) {
            io.err.println("activity4j agent: cannot write " + file + ": " + e);
            return FAILED;
        }
    }

    private int addKey(List<String> args) {
        Command command = command(args, "--keys", "add-key --keys FILE ACCOUNT");
        String account = command.argument();
        if (!KeysFile.validAccount(account)) {
            throw new UsageException("an account is 1 to 128 of A-Z, a-z, 0-9, '.', '_', '@', '-': " + account);
        }
        Path file = command.file();
        try {
            KeysFile.AccessKey key = KeysFile.add(file, account, new SecureRandom());
            io.out.println("access key id: " + key.keyId());
            io.out.println("secret key:    " + key.secret());
            io.out.println("added to " + file + " for account " + account
                    + " (the secret is shown once); restart the agent to use it");
            return OK;
        } catch (IOException e) {
            io.err.println("activity4j agent: cannot write " + file + ": " + e);
            return FAILED;
        }
    }

    private record Command(Path file, List<String> arguments) {
        String argument() {
            return arguments.get(0);
        }
    }

    /** {@code option FILE ARG} or {@code option=FILE ARG}, in any order. */
    private static Command command(List<String> args, String option, String usage) {
        return command(args, option, usage, 1);
    }

    /** {@code option FILE} and {@code count} arguments, in any order. */
    private static Command command(List<String> args, String option, String usage, int count) {
        String file = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value;
            if (a.equals(option) && i + 1 < args.size()) {
                value = args.get(++i);
            } else if (a.startsWith(option + "=")) {
                value = a.substring(option.length() + 1);
            } else if (a.startsWith("-")) {
                throw new UsageException("unexpected argument '" + a + "'; usage: " + usage);
            } else {
                rest.add(a);
                continue;
            }
            if (value.isEmpty() || file != null) {
                throw new UsageException("usage: " + usage);
            }
            file = value;
        }
        if (file == null || rest.size() != count) {
            throw new UsageException("usage: " + usage);
        }
        return new Command(Path.of(file), List.copyOf(rest));
    }

    private String readPassword(String name) {
        Console console = io.console;
        if (console != null) {
            char[] first = console.readPassword("password of %s: ", name);
            char[] again = console.readPassword("again: ");
            if (first == null || again == null) {
                throw new UsageException("no password given");
            }
            if (!Arrays.equals(first, again)) {
                throw new UsageException("the two passwords differ");
            }
            return new String(first);
        }
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(io.in, Charset.defaultCharset()));
            String line = reader.readLine();
            if (line == null) {
                throw new UsageException("no password on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
    }

    /** The text of {@code --help}. */
    static String help() {
        StringBuilder b = new StringBuilder();
        b.append("usage: java -jar activity4j-agent.jar [--config FILE] [--key=value ...]\n")
                .append("       java -jar activity4j-agent.jar add-user --users FILE NAME   (password from the")
                .append(" console, or one line of stdin)\n")
                .append("       java -jar activity4j-agent.jar add-key --keys FILE ACCOUNT  (prints the new key")
                .append(" once)\n")
                .append("       java -jar activity4j-agent.jar add-landscape-user --landscape-users FILE EMAIL")
                .append(" ACCOUNT  (password as for add-user)\n\n")
                .append("Keys (in FILE as key=value, or as --key=value flags that override it; durations like")
                .append(" 500ms, 10s, 15m, 1h):\n");
        for (ConfigKey k : ConfigKey.values()) {
            b.append(String.format(
                    "  %-28s %-11s %s%s%n",
                    k.key(),
                    k.defaultValue().orElse("-"),
                    k.help(),
                    k.environmentVariable()
                            .map(v -> " (secret: file or $" + v + ", never a flag)")
                            .orElse("")));
        }
        b.append("\nExit status: 0; 1 when the agent cannot start; 2 for a usage or configuration error;")
                .append(" 143 after SIGTERM.\n");
        return b.toString();
    }

    /** A command line that makes no sense. */
    private static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
