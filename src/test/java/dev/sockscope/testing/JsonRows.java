package dev.sockscope.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads sockscope's JSON output into maps (numbers as Long, arrays as lists) for assertions. */
public final class JsonRows {
    private JsonRows() {}

    public static List<Map<String, Object>> parse(String json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a JSON array: " + json);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                rows.add(object(p));
            }
            return rows;
        }
    }

    /** One JSON object. */
    public static Map<String, Object> parseObject(String json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + json);
            }
            return object(p);
        }
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            m.put(key, value(p));
        }
        return m;
    }

    private static Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue(); // rttMs, rates
            case VALUE_TRUE:
                return Boolean.TRUE; // dualStack
            case VALUE_FALSE:
                return Boolean.FALSE;
            case START_OBJECT:
                return object(p);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                return list;
            default:
                throw new IOException("unexpected " + p.currentToken());
        }
    }

    /** The one row whose fields equal every given key/value; fails listing the candidates otherwise. */
    public static Map<String, Object> find(List<Map<String, Object>> rows, Object... keyValues) {
        List<Map<String, Object>> hits = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            boolean all = true;
            for (int i = 0; i < keyValues.length; i += 2) {
                Object want = keyValues[i + 1];
                Object have = r.get((String) keyValues[i]);
                if (want instanceof Integer) {
                    want = ((Integer) want).longValue();
                }
                if (want == null ? have != null : !want.equals(have)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                hits.add(r);
            }
        }
        if (hits.size() != 1) {
            throw new AssertionError("expected one row with " + java.util.Arrays.toString(keyValues) + ", found "
                    + hits.size() + " among " + rows);
        }
        return hits.get(0);
    }
}
