package io.clusterkv.node.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JSON in and out of the API, with Jackson.
 *
 * <p>Values read take the shapes the store replicates without any registration: objects become
 * {@code LinkedHashMap}, arrays {@code ArrayList}, integers {@code Integer} or {@code Long} ({@code BigInteger}
 * beyond), decimals {@code Double}. Each value read carries its size, the bytes of its JSON text in the request,
 * which is what {@code max-value-bytes} limits.
 *
 * <p>Values written may have been stored by other means (RESP, an embedding application): {@code byte[]} becomes a
 * base64 string, {@code java.time} values ISO-8601 strings, sets arrays, records and beans objects.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            // Duplicate keys in an mset body would silently drop a pair.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // The body is already bounded by max-request-bytes; Jackson's own string limits would only cut keys
            // and values the settings allow.
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE).build())
            .build())
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .addModule(new SimpleModule("clusterkv-values")
            .addSerializer(TemporalAccessor.class, ToStringSerializer.instance)
            .addSerializer(TemporalAmount.class, ToStringSerializer.instance))
        .build();

    private Json() {
    }

    /**
     * A value read from a request.
     *
     * @param value the value, null for JSON null
     * @param bytes the size of its JSON text in the request
     */
    record SizedValue(@Nullable Object value, long bytes) {
    }

    /**
     * @return the single JSON value the body holds
     * @throws HttpError (400) if the body is empty, malformed, or holds more than one value
     */
    static SizedValue readValue(ByteBuf body) {
        try (JsonParser parser = parser(body)) {
            if (parser.nextToken() == null) {
                throw HttpError.badRequest("request body must be a JSON value");
            }
            SizedValue value = readSized(parser);
            requireEnd(parser);
            return value;
        } catch (JsonProcessingException malformed) {
            throw malformed(malformed);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * @return the pairs of the JSON object the body holds, in their order
     * @throws HttpError (400) if the body is not one JSON object, or repeats a key
     */
    static Map<String, SizedValue> readObject(ByteBuf body, String expected) {
        try (JsonParser parser = parser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw HttpError.badRequest("request body must be " + expected);
            }
            Map<String, SizedValue> pairs = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                pairs.put(key, readSized(parser));
            }
            requireEnd(parser);
            return pairs;
        } catch (JsonProcessingException malformed) {
            throw malformed(malformed);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * @return the JSON text of a value
     * @throws HttpError (500) if the value cannot be written as JSON (a user class Jackson cannot render)
     */
    static byte[] write(@Nullable Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException unwritable) {
            throw new HttpError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "a stored value cannot be written as JSON: "
                + unwritable.getOriginalMessage(), Map.of());
        }
    }

    private static JsonParser parser(ByteBuf body) throws IOException {
        InputStream in = new ByteBufInputStream(body.duplicate());
        return MAPPER.createParser(in);
    }

    /** Reads the value at the parser's current token and measures its text. */
    private static SizedValue readSized(JsonParser parser) throws IOException {
        long start = offset(parser.currentTokenLocation());
        Object value = MAPPER.readValue(parser, Object.class);
        return new SizedValue(value, offset(parser.currentLocation()) - start);
    }

    private static long offset(JsonLocation location) {
        // Byte offsets exist for UTF-8 input; a body in UTF-16 or UTF-32 (detected by Jackson) counts characters.
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw HttpError.badRequest("request body must hold a single JSON value");
        }
    }

    private static HttpError malformed(JsonProcessingException malformed) {
        return HttpError.badRequest("malformed JSON: " + malformed.getOriginalMessage());
    }
}
