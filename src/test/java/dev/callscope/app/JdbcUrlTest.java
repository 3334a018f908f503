package dev.callscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void readsTheFormsOfClickHouseJdbcUrls() {
        JdbcUrl cloud = JdbcUrl.parse(
                "jdbc:clickhouse:https://abc.eu-west-1.aws.clickhouse.cloud:8443/analytics?user=viewer&password=s%26cret");
        assertEquals("https://abc.eu-west-1.aws.clickhouse.cloud:8443", cloud.url());
        assertEquals("analytics", cloud.database());
        assertEquals("viewer", cloud.user());
        assertEquals("s&cret", cloud.password());
        assertFalse(cloud.toString().contains("s&cret"));

        JdbcUrl plain = JdbcUrl.parse("jdbc:ch://10.0.0.7/logs");
        assertEquals("http://10.0.0.7:8123", plain.url());
        assertEquals("logs", plain.database());
        assertNull(plain.user());

        JdbcUrl ssl = JdbcUrl.parse("jdbc:clickhouse://db.internal:8443?ssl=true&database=prod");
        assertEquals("https://db.internal:8443", ssl.url());
        assertEquals("prod", ssl.database());
    }

    @Test
    void refusesWhatIsNotOne() {
        assertThrows(IllegalArgumentException.class, () -> JdbcUrl.parse("https://host:8443"));
        assertThrows(IllegalArgumentException.class, () -> JdbcUrl.parse("jdbc:postgresql://host/db"));
        assertThrows(IllegalArgumentException.class, () -> JdbcUrl.parse("jdbc:clickhouse:"));
    }
}
