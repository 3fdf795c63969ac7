package dev.coffer.server.system;

import java.text.Normalizer;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every JSON string of a request body, read strictly: only a JSON string is text (a number or a boolean where text
 * belongs is refused, not turned into "5"), a lone UTF-16 surrogate ({@code "\ud800"}) is refused, and the text is
 * normalised to Unicode NFC, so that one name has one spelling whatever keyboard typed it. Which characters a field
 * allows is {@link Inputs}'s business.
 */
final class StrictText extends StdScalarDeserializer<String> {

    StrictText() {
        super(String.class);
    }

    /** A string that is not valid Unicode; the API names its field. */
    static final class InvalidTextException extends InvalidFormatException {

        private static final long serialVersionUID = 1L;

        InvalidTextException(JsonParser p, String text) {
            super(p, "not valid Unicode text (a lone surrogate)", text, String.class);
        }
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
        String text = p.getString();
        if (hasLoneSurrogate(text)) {
            throw new InvalidTextException(p, text);
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
