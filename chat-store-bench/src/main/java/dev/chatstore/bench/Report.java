package dev.chatstore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a JMH JSON result file ({@code -rf json -rff FILE}) and the stream statistics the streaming
 * benchmarks appended to {@code streams.jsonl} into the Markdown tables of docs/BENCHMARKS.md: every
 * result's median, then each target with its figure, ratio and pass or miss. Medians everywhere: of
 * the iteration scores for SingleShotTime, of all samples for SampleTime.
 *
 * <pre>java -cp chat-store-bench/target/benchmarks.jar dev.chatstore.bench.Report RESULTS.json [STREAMS.jsonl]</pre>
 */
public final class Report {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> results = new LinkedHashMap<>();
  private final Map<String, JsonNode> streams = new LinkedHashMap<>();
  private final StringBuilder out = new StringBuilder();

  private Report() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: Report RESULTS.json [STREAMS.jsonl]");
      System.exit(2);
    }
    Report r = new Report();
    for (JsonNode result : JSON.readTree(Path.of(args[0]).toFile())) {
      r.results.put(key(result.get("benchmark").asText(), result.path("params")), result);
    }
    if (args.length > 1 && Files.exists(Path.of(args[1]))) {
      for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          JsonNode s = JSON.readTree(line);
          r.streams.put(key(s.get("benchmark").asText(), s.path("params")), s); // the last run wins
        }
      }
    }
    r.all();
    r.targets();
    System.out.print(r.out);
  }

  private static String key(String benchmark, JsonNode params) {
    String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    StringBuilder k = new StringBuilder(name);
    Iterator<Map.Entry<String, JsonNode>> it = params.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      k.append(' ').append(e.getKey()).append('=').append(e.getValue().asText());
    }
    return k.toString();
  }

  private void all() {
    line("### All results");
    line("");
    line("| benchmark | mode | median | unit | mean ± error (99.9%) | samples | per-iteration scores |");
    line("|---|---|---:|---|---|---:|---|");
    for (Map.Entry<String, JsonNode> e : results.entrySet()) {
      JsonNode r = e.getValue();
      JsonNode m = r.get("primaryMetric");
      String iterations = r.get("mode").asText().equals("ss") ? iterationScores(m) : "";
      line(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s ± %s | %d | %s |", e.getKey(), r.get("mode").asText(),
          num(median(m)), m.get("scoreUnit").asText(), num(m.get("score").asDouble()),
          num(m.path("scoreError").asDouble(Double.NaN)), samples(r), iterations));
    }
    if (!streams.isEmpty()) {
      line("");
      line("### Streams: durable writes and lag (measurement iterations only)");
      line("");
      line("| benchmark | replies | tokens | durable writes / reply | lag p50 ms | lag p99 ms | lag max ms |"
          + " tokens made durable by complete() |");
      line("|---|---:|---:|---:|---:|---:|---:|---:|");
      for (Map.Entry<String, JsonNode> e : streams.entrySet()) {
        JsonNode s = e.getValue();
        line(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %d |", e.getKey(), s.get("replies").asLong(),
            s.get("tokens").asLong(), num(s.get("writesPerReply").asDouble()), num(s.get("lagP50Ms").asDouble()),
            num(s.get("lagP99Ms").asDouble()), num(s.get("lagMaxMs").asDouble()),
            s.get("tokensMadeDurableByComplete").asLong()));
      }
    }
    line("");
  }

  private void targets() {
    line("### Targets");
    line("");
    line("| target | figure | ratio / limit | result |");
    line("|---|---|---|---|");
    // issue 3
    Optional<Double> a10 = med("JdbcAppendBenchmark.append n=10");
    Optional<Double> a100k = med("JdbcAppendBenchmark.append n=100000");
    Optional<Double> bare = med("JdbcAppendBenchmark.bareInsert");
    ratio("H2 append at n=100,000 within 1.5x of n=10", a100k, a10, 1.5, "µs");
    for (String n : List.of("10", "1000", "10000", "100000")) {
      ratio("H2 append at n=" + n + " within 2x of the bare INSERT", med("JdbcAppendBenchmark.append n=" + n), bare, 2.0,
          "µs");
    }
    under("H2 newest page of 50 of 1,000,000 under 2 ms (p50)", med("JdbcReadBenchmark.newestPage"), 2000, "µs");
    under("H2 middle page (afterSeq 500,000) under 2 ms (p50)", med("JdbcReadBenchmark.middlePage"), 2000, "µs");
    med("JdbcListBenchmark.firstPage").ifPresent(v -> line(String.format(Locale.ROOT,
        "| H2 first page of an owner with 100,000 sessions (no target) | %s µs | - | - |", num(v))));
    // issue 4
    for (String variant : List.of("oneStream", "hundredStreams")) {
      Optional<Double> naive = med("NaiveStreamBenchmark." + variant);
      Optional<Double> store = med("StreamBenchmark." + variant + " backend=h2");
      atLeast("H2 " + variant + ": per-token cost at least 20x below one UPDATE per token", naive, store, 20);
    }
    for (Map.Entry<String, JsonNode> e : streams.entrySet()) {
      double p99 = e.getValue().get("lagP99Ms").asDouble();
      boolean naive = e.getKey().startsWith("Naive");
      line(String.format(Locale.ROOT, "| lag p99 under 50 ms: %s | %s ms | < 50 | %s |", e.getKey(), num(p99),
          naive ? "(ceiling, for comparison)" : p99 < 50 ? "pass" : "**miss**"));
    }
    // issue 5
    ratio("file append at n=10,000 within 1.5x of n=10", med("FileAppendBenchmark.append n=10000"),
        med("FileAppendBenchmark.append n=10"), 1.5, "µs");
    under("file: open a store of 10,000 sessions and list the first page under 50 ms (p50)",
        med("FileListBenchmark.openAndListFirstPage"), 50, "ms");
    under("file: load a 10,000-message session under 150 ms, store just opened (p50)", med("FileLoadBenchmark.cold"),
        150, "ms");
    under("file: load a 10,000-message session under 150 ms, session loaded (p50)", med("FileLoadBenchmark.warm"),
        150, "ms");
    // issue 13
    for (String backend : List.of("h2", "file")) {
      for (String op : List.of("append", "newestPage")) {
        String at = "EncryptionBenchmark." + op + " backend=" + backend + " encrypted=";
        ratio(backend + " " + op + ": encrypted within 1.3x of plain", med(at + "true"), med(at + "false"), 1.3, "µs");
      }
    }
    line("");
  }

  private Optional<Double> med(String key) {
    return Optional.ofNullable(results.get(key)).map(r -> median(r.get("primaryMetric")));
  }

  private void ratio(String target, Optional<Double> value, Optional<Double> base, double limit, String unit) {
    if (value.isEmpty() || base.isEmpty()) {
      line("| " + target + " | not run | - | - |");
      return;
    }
    double r = value.get() / base.get();
    line(String.format(Locale.ROOT, "| %s | %s vs %s %s | %sx (limit %sx) | %s |", target, num(value.get()),
        num(base.get()), unit, num(r), num(limit), r <= limit ? "pass" : "**miss**"));
  }

  private void atLeast(String target, Optional<Double> ceiling, Optional<Double> value, double factor) {
    if (ceiling.isEmpty() || value.isEmpty()) {
      line("| " + target + " | not run | - | - |");
      return;
    }
    double r = ceiling.get() / value.get();
    line(String.format(Locale.ROOT, "| %s | %s vs %s µs/token | %sx (need %sx) | %s |", target, num(value.get()),
        num(ceiling.get()), num(r), num(factor), r >= factor ? "pass" : "**miss**"));
  }

  private void under(String target, Optional<Double> value, double limit, String unit) {
    if (value.isEmpty()) {
      line("| " + target + " | not run | - | - |");
      return;
    }
    line(String.format(Locale.ROOT, "| %s | %s %s | < %s %s | %s |", target, num(value.get()), unit, num(limit), unit,
        value.get() < limit ? "pass" : "**miss**"));
  }

  private static double median(JsonNode metric) {
    return metric.get("scorePercentiles").get("50.0").asDouble();
  }

  private static long samples(JsonNode result) {
    JsonNode m = result.get("primaryMetric");
    if (m.has("rawDataHistogram")) {
      long n = 0;
      for (JsonNode fork : m.get("rawDataHistogram")) {
        for (JsonNode iteration : fork) {
          for (JsonNode bucket : iteration) {
            n += bucket.get(1).asLong();
          }
        }
      }
      return n;
    }
    long n = 0;
    for (JsonNode fork : m.path("rawData")) {
      n += fork.size();
    }
    return n;
  }

  private static String iterationScores(JsonNode metric) {
    List<String> scores = new ArrayList<>();
    for (JsonNode fork : metric.path("rawData")) {
      List<String> f = new ArrayList<>();
      for (JsonNode v : fork) {
        f.add(num(v.asDouble()));
      }
      scores.add(String.join(", ", f));
    }
    return String.join(" / ", scores);
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
