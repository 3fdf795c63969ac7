package dev.coffer.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class JsonTest {

    record Times(List<Instant> times) {
    }

    @Test
    void instantsRoundTripWithNanosecondsAlsoBefore1970AndIsoIsStillRead() {
        Times t = new Times(List.of(Instant.parse("2024-03-01T10:15:30.123456789Z"), Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.EPOCH, Instant.ofEpochSecond(1_700_000_000L)));
        assertThat(Json.read(Json.write(t), Times.class)).isEqualTo(t);
        assertThat(Json.parseInstant("2024-03-01T10:15:30.123456789Z")).isEqualTo(Instant.parse("2024-03-01T10:15:30.123456789Z"));
        assertThat(new String(Json.write(new Times(List.of(Instant.ofEpochSecond(5, 7)))))).contains("\"5.000000007\"");
    }
}
