package voiceappliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Java has no JSON in its standard library, so the SDK carries this small reader/writer.
 * Values map to: object -> LinkedHashMap&lt;String, Object&gt;, array -> ArrayList&lt;Object&gt;,
 * string -> String, integer -> Long, other number -> Double, true/false -> Boolean, null -> null.
 */
public final class Json {
  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /** Parses one JSON text; throws IllegalArgumentException on malformed input. */
  public static Object parse(String text) {
    Json p = new Json(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i != p.s.length()) throw p.fail("trailing characters");
    return v;
  }

  /** A parsed object (a Map), or an exception naming what it was instead. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Object v) {
    if (v instanceof Map) return (Map<String, Object>) v;
    throw new IllegalArgumentException("not a JSON object: " + write(v));
  }

  /** A parsed array (a List), or an exception naming what it was instead. */
  @SuppressWarnings("unchecked")
  public static List<Object> arr(Object v) {
    if (v instanceof List) return (List<Object>) v;
    throw new IllegalArgumentException("not a JSON array: " + write(v));
  }

  /** Writes Maps, Iterables, arrays of Object, Strings, Numbers, Booleans and null as JSON. */
  public static String write(Object v) {
    StringBuilder b = new StringBuilder();
    write(b, v);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v) {
    if (v == null) b.append("null");
    else if (v instanceof String str) quote(b, str);
    else if (v instanceof Boolean) b.append(v);
    else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) b.append("null");
    else if (v instanceof Float f && (f.isNaN() || f.isInfinite())) b.append("null");
    else if (v instanceof Number) b.append(v);
    else if (v instanceof Map<?, ?> m) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) b.append(',');
        first = false;
        quote(b, String.valueOf(e.getKey()));
        b.append(':');
        write(b, e.getValue());
      }
      b.append('}');
    } else if (v instanceof Iterable<?> it) {
      b.append('[');
      boolean first = true;
      for (Object o : it) {
        if (!first) b.append(',');
        first = false;
        write(b, o);
      }
      b.append(']');
    } else if (v instanceof Object[] a) write(b, List.of(a));
    else quote(b, v.toString());
  }

  private static void quote(StringBuilder b, String str) {
    b.append('"');
    for (int k = 0; k < str.length(); k++) {
      char c = str.charAt(k);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    b.append('"');
  }

  private IllegalArgumentException fail(String why) {
    return new IllegalArgumentException("JSON: " + why + " at " + i);
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
  }

  private Object value() {
    if (i >= s.length()) throw fail("unexpected end");
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, i)) throw fail("unexpected token");
    i += word.length();
    return v;
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++; // {
    ws();
    if (i < s.length() && s.charAt(i) == '}') {
      i++;
      return m;
    }
    while (true) {
      ws();
      if (i >= s.length() || s.charAt(i) != '"') throw fail("expected a key");
      String k = string();
      ws();
      if (i >= s.length() || s.charAt(i) != ':') throw fail("expected ':'");
      i++;
      ws();
      m.put(k, value());
      ws();
      if (i >= s.length()) throw fail("unexpected end");
      char c = s.charAt(i++);
      if (c == '}') return m;
      if (c != ',') throw fail("expected ',' or '}'");
    }
  }

  private List<Object> array() {
    List<Object> a = new ArrayList<>();
    i++; // [
    ws();
    if (i < s.length() && s.charAt(i) == ']') {
      i++;
      return a;
    }
    while (true) {
      ws();
      a.add(value());
      ws();
      if (i >= s.length()) throw fail("unexpected end");
      char c = s.charAt(i++);
      if (c == ']') return a;
      if (c != ',') throw fail("expected ',' or ']'");
    }
  }

  private String string() {
    StringBuilder b = new StringBuilder();
    i++; // opening quote
    while (true) {
      if (i >= s.length()) throw fail("unterminated string");
      char c = s.charAt(i++);
      if (c == '"') return b.toString();
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i >= s.length()) throw fail("unterminated escape");
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) throw fail("bad \\u escape");
          b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw fail("bad escape");
      }
    }
  }

  private Object number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
    String n = s.substring(start, i);
    if (n.isEmpty()) throw fail("unexpected character");
    try {
      if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) return Long.parseLong(n);
      return Double.parseDouble(n);
    } catch (NumberFormatException ex) {
      throw fail("bad number " + n);
    }
  }
}
