package dev.coffer.engine.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * JSON for stored metadata. Instants are "epochSeconds.nanoseconds" strings; unknown properties are ignored so that a
 * newer engine can add fields that an older one skips.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("instant")
                    .addSerializer(Instant.class, new JsonSerializer<Instant>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                            String nanos = Integer.toString(value.getNano());
                            gen.writeString(value.getEpochSecond() + "." + "000000000".substring(nanos.length()) + nanos);
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<Instant>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return parseInstant(p.getValueAsString());
                        }
                    }));

    private Json() {
    }

    /**
     * Instants are stored as "epochSeconds.nanoseconds" (nine digits): parsing ISO-8601 cost more than anything else
     * when reading the trees of an unchanged backup. ISO-8601 strings are still read.
     */
    static Instant parseInstant(String text) {
        int dot = text.indexOf('.');
        if (text.indexOf('T') >= 0 || dot < 0) {
            return Instant.parse(text);
        }
        return Instant.ofEpochSecond(Long.parseLong(text, 0, dot, 10), Integer.parseInt(text, dot + 1, text.length(), 10));
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses {@code json}. Throws IllegalArgumentException when it is malformed, and also when a value's constructor
     * refuses it (a tree entry named "..", say): then the message is the constructor's, without the parser's location.
     */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                throw new IllegalArgumentException("invalid " + type.getSimpleName() + ": " + cause.getMessage(), e);
            }
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
        }
    }
}
