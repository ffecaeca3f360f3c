package org.knotwork.neo4jlocal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;

import picocli.CommandLine;

/**
 * Runs embedded Neo4j Community with Bolt bound to 127.0.0.1 only and authentication on.
 *
 * <p>Usage: {@code java -Xmx1g -jar neo4j-local.jar --bolt-port 7687 --data-dir DIR [--page-cache 512m]}.
 * The password for the {@code neo4j} user is read from the environment variable
 * {@code NEO4J_LOCAL_PASSWORD} (never from the command line, so it does not show up in {@code ps}).
 *
 * <p>Prints {@code KNOTWORK_NEO4J_READY bolt://127.0.0.1:PORT} on stdout once Bolt accepts connections
 * with the password set. Exit codes: 0 after a clean shutdown, 2 for bad arguments, 3 when the Bolt
 * port is already in use, 1 for any other start failure.
 */
public final class Launcher {
    public static final String READY_MARKER = "KNOTWORK_NEO4J_READY";
    public static final String PASSWORD_ENV = "NEO4J_LOCAL_PASSWORD";

    private Launcher() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv(PASSWORD_ENV));
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-local: " + e.getMessage());
            System.exit(2);
            return;
        }

        if (isPortTaken(options.boltPort)) {
            System.err.println("neo4j-local: port " + options.boltPort + " on 127.0.0.1 is already in use");
            System.exit(3);
            return;
        }

        long started = System.nanoTime();
        long jvmUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println("neo4j-local: JVM up after " + jvmUptime + " ms, starting Neo4j in " + options.dataDir);
        DatabaseManagementService service;
        boolean initialPasswordWritten = false;
        try {
            boolean firstStart = !Files.isDirectory(options.dataDir.resolve("data").resolve("databases").resolve("system"));
            if (firstStart) {
                initialPasswordWritten = setInitialPassword(options);
            }
            service = build(options);
            System.out.println("neo4j-local: databases started after " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (Throwable t) {
            if (isBindFailure(t)) {
                System.err.println("neo4j-local: could not bind Bolt to 127.0.0.1:" + options.boltPort + " (address already in use)");
                System.exit(3);
            }
            System.err.println("neo4j-local: failed to start Neo4j: " + t);
            t.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        DatabaseManagementService finalService = service;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local: shutting down");
            try {
                finalService.shutdown();
                System.out.println("neo4j-local: stopped");
            } catch (Throwable t) {
                System.err.println("neo4j-local: error during shutdown: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-local-shutdown"));

        try {
            ensurePassword(service, options.dataDir, options.password, initialPasswordWritten);
            // Any auth.ini left over from the first start is no longer needed.
            Files.deleteIfExists(options.dataDir.resolve("data").resolve("dbms").resolve("auth.ini"));
            if (!waitForBolt(options.boltPort, 30_000)) {
                throw new IllegalStateException("Bolt did not start listening on 127.0.0.1:" + options.boltPort);
            }
        } catch (Throwable t) {
            System.err.println("neo4j-local: failed to finish start-up: " + t);
            t.printStackTrace();
            System.exit(1);
            return;
        }

        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println(READY_MARKER + " bolt://127.0.0.1:" + options.boltPort + " (started in " + ms + " ms)");
        System.out.flush();

        // The first Cypher query on a fresh JVM takes 1-3 s (parser, planner and runtime classes,
        // JIT); pay for it now in the background rather than in the application's first request.
        Thread warmUp = new Thread(() -> {
            try {
                finalService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
                        .executeTransactionally("MATCH (n) WHERE id(n) = -1 RETURN count(n) AS c");
            } catch (Throwable ignored) {
                // Only a warm-up; the database may be shutting down already.
            }
        }, "neo4j-local-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DatabaseManagementService build(Options options) {
        Map<org.neo4j.graphdb.config.Setting<?>, Object> config = new HashMap<>();
        config.put(GraphDatabaseSettings.auth_enabled, true);
        config.put(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes);
        config.put(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"));
        config.put(GraphDatabaseSettings.udc_enabled, false);
        // A development database: no 256 MB pre-allocated transaction log files.
        config.put(GraphDatabaseSettings.preallocate_logical_logs, false);
        // Both default to 5 s, which makes every stop take 5+ s even with no clients connected.
        config.put(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1));
        config.put(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(2));
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.boltPort));
        config.put(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", options.boltPort));
        config.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        return new DatabaseManagementServiceBuilder(options.dataDir)
                .setConfig(config)
                .build();
    }

    /**
     * Before the very first start, writes data/dbms/auth.ini the way {@code neo4j-admin dbms
     * set-initial-password} does, so the {@code neo4j} user is created with our password and the
     * default neo4j/neo4j credentials never exist. If this fails, {@link #ensurePassword} still sets
     * the password right after start-up.
     */
    private static boolean setInitialPassword(Options options) {
        try {
            Files.createDirectories(options.dataDir.resolve("conf"));
            ExecutionContext ctx = new ExecutionContext(options.dataDir, options.dataDir.resolve("conf"),
                    System.out, System.err, new DefaultFileSystemAbstraction());
            int rc = new CommandLine(new SetInitialPasswordCommand(ctx)).execute(options.password);
            if (rc != 0) {
                System.err.println("neo4j-local: set-initial-password exited with " + rc + "; will set the password after start");
            }
            return rc == 0;
        } catch (Throwable t) {
            System.err.println("neo4j-local: could not write the initial password (" + t + "); will set it after start");
            return false;
        }
    }

    /**
     * Idempotent: makes sure the neo4j user's password is the requested one, without a pending change.
     *
     * <p>Running Cypher against the system database costs 2-4 s on a cold JVM, so a salted SHA-256 of the
     * password last applied is kept in data/dbms/knotwork-password (0600) and the Cypher is skipped
     * when it matches. On the very first start the password came from auth.ini, so only the marker is written.
     */
    private static void ensurePassword(DatabaseManagementService service, Path dataDir, String password,
                                       boolean initialPasswordWritten) throws IOException {
        Path marker = dataDir.resolve("data").resolve("dbms").resolve("knotwork-password");
        if (initialPasswordWritten || PasswordMarker.matches(marker, password)) {
            PasswordMarker.write(marker, password);
            System.out.println("neo4j-local: password for user neo4j is current");
            return;
        }
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
            System.out.println("neo4j-local: password for user neo4j set");
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
            if (!message.contains("cannot be the same")) {
                throw e;
            }
            // Already the same password: only make sure no change is pending.
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            System.out.println("neo4j-local: password for user neo4j already set");
        }
        PasswordMarker.write(marker, password);
    }

    private static boolean isPortTaken(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean waitForBolt(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (isPortTaken(port)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean isBindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.BindException) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && (m.contains("Address already in use") || m.contains("address already in use"))) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** Parsed command line. */
    static final class Options {
        final int boltPort;
        final Path dataDir;
        final long pageCacheBytes;
        final String password;

        private Options(int boltPort, Path dataDir, long pageCacheBytes, String password) {
            this.boltPort = boltPort;
            this.dataDir = dataDir;
            this.pageCacheBytes = pageCacheBytes;
            this.password = password;
        }

        static Options parse(String[] args, String password) {
            int port = 7687;
            Path dataDir = null;
            String pageCache = "512m";
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (arg) {
                    case "--bolt-port":
                        port = parsePort(require(arg, value));
                        i++;
                        break;
                    case "--data-dir":
                        dataDir = Path.of(require(arg, value)).toAbsolutePath().normalize();
                        i++;
                        break;
                    case "--page-cache":
                        pageCache = require(arg, value);
                        i++;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + arg
                                + " (expected --bolt-port N --data-dir DIR [--page-cache SIZE])");
                }
            }
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            if (password == null || password.length() < 8) {
                throw new IllegalArgumentException("environment variable " + PASSWORD_ENV
                        + " must hold the neo4j password (at least 8 characters)");
            }
            long bytes;
            try {
                bytes = SettingValueParsers.BYTES.parse(pageCache);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad --page-cache value '" + pageCache + "' (use e.g. 512m or 1g)");
            }
            return new Options(port, dataDir, bytes, password);
        }

        private static String require(String arg, String value) {
            if (value == null) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            return value;
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad --bolt-port '" + value + "' (1-65535)");
            }
        }
    }
}
