package io.ecsbox.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentEncodingTest {

  @Test
  void keepsOnlyUnreservedCharactersLiteral() {
    assertEquals("AZaz09-_.~", PercentEncoding.encode("AZaz09-_.~"));
    assertEquals("a%20b%2Ac%2Bd%2Fe%3Df%26g%25", PercentEncoding.encode("a b*c+d/e=f&g%"));
    assertEquals("%21%27%28%29%3A%5B%5D%22", PercentEncoding.encode("!'():[]\""));
  }

  @Test
  void encodesUtf8WithUppercaseHex() {
    assertEquals("caf%C3%A9", PercentEncoding.encode("café"));
    assertEquals("%E4%B8%AD", PercentEncoding.encode("中"));
    assertEquals("%F0%9F%98%80", PercentEncoding.encode("😀"));
    assertEquals("%0A%7F", PercentEncoding.encode("\n\u007f"));
  }

  @Test
  void nullIsEmpty() {
    assertEquals("", PercentEncoding.encode(null));
  }

  @Test
  void canonicalQuerySortsByNameAndEncodesBothSides() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("b", "2 3");
    params.put("Tag.1.Value", "dev*~ x");
    params.put("a", "");
    params.put("Z", "z");
    assertEquals("Tag.1.Value=dev%2A~%20x&Z=z&a=&b=2%203", PercentEncoding.canonicalQuery(params));
  }

  @Test
  void decodeFormHandlesPlusPercentMissingValueAndRepeats() {
    Map<String, String> form = PercentEncoding.decodeForm("a=1+2&b=%7E%2A&c&a=second&&d=");
    assertEquals(Map.of("a", "1 2", "b", "~*", "c", "", "d", ""), form);
    assertEquals(Map.of(), PercentEncoding.decodeForm(""));
    assertEquals(Map.of(), PercentEncoding.decodeForm(null));
  }
}
