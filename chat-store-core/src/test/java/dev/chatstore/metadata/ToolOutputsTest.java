package dev.chatstore.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ToolResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolOutputsTest {
  record WeatherReport(String city, double celsius, List<String> alerts) {}

  record Quote(String symbol, long priceCents) {}

  private static final ToolOutputCodec<WeatherReport> WEATHER = ToolOutputCodec.json("weather", WeatherReport.class);
  private static final ToolOutputCodec<Quote> QUOTE = ToolOutputCodec.json("quote", Quote.class);

  private final ToolOutputs outputs = ToolOutputs.builder().register(WEATHER).register(QUOTE).build();

  @Test
  void aRegisteredToolsOutputDecodesToTheHostsRecord() {
    WeatherReport report = new WeatherReport("Lyon", 21.5, List.of("wind \uD83C\uDF2C"));
    ToolResult result = outputs.encode("call-1", WEATHER, report, false);

    ToolOutput output = outputs.decode(result);

    assertThat(output).isInstanceOf(ToolOutput.Typed.class);
    assertThat(output.as(WeatherReport.class)).contains(report);
    assertThat(output.as(Quote.class)).isEmpty();
    assertThat(output.toolName()).isEqualTo("weather");
    assertThat(output.json()).isEqualTo("{\"alerts\":[\"wind \uD83C\uDF2C\"],\"celsius\":21.5,\"city\":\"Lyon\"}");
    assertThat(result.callId()).isEqualTo("call-1");
    assertThat(result.error()).isFalse();
  }

  @Test
  void anUnregisteredToolsOutputComesBackRaw() {
    ToolResult result = ToolResult.success("c", "retired-tool", "{\"b\": [1, {\"x\": null}], \"a\": \"\\u0000\"}");

    ToolOutput output = outputs.decode(result);

    assertThat(output).isInstanceOf(ToolOutput.Raw.class);
    assertThat(output.json()).isEqualTo("{\"a\":\"\\u0000\",\"b\":[1,{\"x\":null}]}");
    assertThat(((ToolOutput.Raw) output).problem()).isEqualTo("no codec registered for this tool");
    assertThat(output.as(Object.class)).isEmpty();
    assertThat(ToolOutputs.none().decode(result)).isInstanceOf(ToolOutput.Raw.class);
  }

  @Test
  void outputThatNoLongerFitsTheCodecComesBackRawWithItsJsonIntact() {
    List<String> stale = List.of(
        "{\"symbol\":\"ACME\",\"price\":1234}",           // priceCents renamed: a component is missing
        "{\"symbol\":\"ACME\",\"priceCents\":\"1234\"}",  // wrong type
        "{\"symbol\":\"ACME\",\"priceCents\":12.34}",     // fraction for a long
        "{\"symbol\":\"ACME\",\"priceCents\":null}",      // null for a primitive
        "{\"symbol\":{\"id\":1},\"priceCents\":1}",       // object for a string
        "[\"ACME\",1234]",                                // not an object
        "\"ACME\"",
        "null");
    for (String json : stale) {
      ToolResult result = ToolResult.success("c", "quote", json);

      ToolOutput output = outputs.decode(result);

      assertThat(output).as(json).isInstanceOf(ToolOutput.Raw.class);
      assertThat(output.json()).as(json).isEqualTo(result.outputJson());
      assertThat(((ToolOutput.Raw) output).problem()).as(json).startsWith("the registered codec could not decode it");
    }
  }

  @Test
  void extraFieldsFromANewerToolStillDecode() {
    ToolResult result = ToolResult.success("c", "quote", "{\"symbol\":\"ACME\",\"priceCents\":5,\"venue\":\"X\"}");

    assertThat(outputs.decode(result).as(Quote.class)).contains(new Quote("ACME", 5));
  }

  @Test
  void aCodecThatThrowsOrReturnsNullLeavesTheOutputRaw() {
    ToolOutputCodec<String> broken = new ToolOutputCodec<>() {
      @Override
      public String toolName() {
        return "broken";
      }

      @Override
      public String encode(String output) {
        return output;
      }

      @Override
      public String decode(String outputJson) {
        throw new IllegalStateException("host bug");
      }
    };
    ToolOutputCodec<String> nulls = new ToolOutputCodec<>() {
      @Override
      public String toolName() {
        return "nulls";
      }

      @Override
      public String encode(String output) {
        return output;
      }

      @Override
      public String decode(String outputJson) {
        return null;
      }
    };
    ToolOutputs hostCodecs = ToolOutputs.builder().register(broken).register(nulls).build();

    assertThat(hostCodecs.decode(ToolResult.success("c", "broken", "{}"))).isInstanceOf(ToolOutput.Raw.class);
    assertThat(hostCodecs.decode(ToolResult.success("c", "nulls", "{}"))).isInstanceOf(ToolOutput.Raw.class);
  }

  @Test
  void aFailedToolsOutputIsReadTheSameWay() {
    ToolResult failure = outputs.encode("c", QUOTE, new Quote("ACME", 0), true);

    assertThat(failure.error()).isTrue();
    assertThat(outputs.decode(failure).as(Quote.class)).contains(new Quote("ACME", 0));
  }

  @Test
  void theLastCodecRegisteredForAToolWins() {
    ToolOutputCodec<Quote> renamed = ToolOutputCodec.json("weather", Quote.class);
    ToolOutputs replaced = ToolOutputs.builder().register(WEATHER).register(renamed).build();

    assertThat(replaced.codec("weather")).containsSame(renamed);
    assertThat(replaced.codec("nothing")).isEmpty();
  }
}
