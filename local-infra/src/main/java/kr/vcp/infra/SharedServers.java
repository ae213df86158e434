package kr.vcp.infra;

/**
 * One PostgreSQL and one Kafka per JVM, started on first use and stopped when the JVM exits, or the servers that
 * {@code VCP_PG_URL} and {@code VCP_KAFKA_BOOTSTRAP} name. The addresses are kept in system properties, not
 * statics, because Quarkus loads test resources in more than one class loader.
 */
public final class SharedServers {

    /** Where an existing PostgreSQL is, e.g. {@code postgresql://127.0.0.1:5432/vcp}; unset starts one. */
    public static final String PG_URL_ENV = "VCP_PG_URL";
    public static final String PG_USER_ENV = "VCP_PG_USER";
    public static final String PG_PASSWORD_ENV = "VCP_PG_PASSWORD";
    /** Where an existing Kafka is, e.g. {@code 127.0.0.1:9092}; unset starts one. */
    public static final String KAFKA_ENV = "VCP_KAFKA_BOOTSTRAP";
    /** The scanner's write key (scans, imports, the generator), which the gateway forwards scans with too. */
    public static final String WRITE_KEY_ENV = "VCP_WRITE_API_KEY";
    /** The header a write sends the key in. */
    public static final String WRITE_KEY_HEADER = "X-API-Key";

    private static final String PG_PROPERTY = "kr.vcp.infra.pg-url";
    private static final String KAFKA_PROPERTY = "kr.vcp.infra.kafka-bootstrap";

    /** How to reach a PostgreSQL database. */
    public record Database(String url, String user, String password) {

        /** The same address for JDBC (Flyway): {@code jdbc:postgresql://host:port/db}. */
        public String jdbcUrl() {
            return "jdbc:" + url;
        }
    }

    private SharedServers() {
    }

    public static Database postgres() {
        String url = System.getenv(PG_URL_ENV);
        if (url != null && !url.isBlank()) {
            return new Database(url, env(PG_USER_ENV, PostgresServer.USER), env(PG_PASSWORD_ENV, ""));
        }
        synchronized (System.getProperties()) {
            String running = System.getProperty(PG_PROPERTY);
            if (running == null) {
                // Closed when the JVM exits (PostgresServer.start).
                running = PostgresServer.start(0).url();
                System.setProperty(PG_PROPERTY, running);
            }
            return new Database(running, PostgresServer.USER, "");
        }
    }

    public static String kafkaBootstrap() {
        String bootstrap = System.getenv(KAFKA_ENV);
        if (bootstrap != null && !bootstrap.isBlank()) {
            return bootstrap;
        }
        synchronized (System.getProperties()) {
            String running = System.getProperty(KAFKA_PROPERTY);
            if (running == null) {
                // Closed when the JVM exits (KafkaServer.start).
                running = KafkaServer.start(0).bootstrapServers();
                System.setProperty(KAFKA_PROPERTY, running);
            }
            return running;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
