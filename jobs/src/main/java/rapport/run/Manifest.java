package rapport.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import rapport.errors.RapportException;

/**
 * {@code manifest.json}: what a run read (files with SHA-256, rows read, valid and quarantined),
 * what it wrote (every output with its rows and SHA-256), with which configuration and code, and
 * how long each stage took.
 */
public final class Manifest {
  public static final String FILE = "manifest.json";
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setPropertyNamingStrategy(
              com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

  /** One file of an input. */
  public record InputFile(String path, String sha256, long bytes) {}

  /** One input and its accounting: read = valid + quarantined. */
  public record Input(
      String name,
      String path,
      String format,
      List<InputFile> files,
      long rowsRead,
      long rowsValid,
      long rowsQuarantined,
      long rowsWritten) {}

  private Manifest() {}

  /** The previous manifest of a run folder, or an empty one. */
  public static ObjectNode read(Path runDir) {
    Path f = runDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return JSON.createObjectNode();
    }
    try (InputStream in = Files.newInputStream(f)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException | ClassCastException e) {
      throw RapportException.input(
          "%s is not a readable manifest (%s); run ./rapport run to rebuild the folder",
          f, e.getMessage());
    }
  }

  /**
   * Writes the manifest of the run folder {@code dir}.
   *
   * @param previous the manifest the folder was seeded from (for single-stage runs)
   * @param header run id, as_of, config, code version and the like, in order
   * @param inputs the inputs ingested by this run (empty when ingest did not run)
   * @param rows rows of the outputs written by this run, by relative path
   * @param stageSeconds stage timings of this run
   */
  public static void write(
      Path dir,
      ObjectNode previous,
      Map<String, Object> header,
      List<Input> inputs,
      Map<String, Long> rows,
      Map<String, Double> stageSeconds) {
    ObjectNode m = JSON.createObjectNode();
    header.forEach((k, v) -> m.set(k, JSON.valueToTree(v)));
    m.set(
        "inputs", inputs.isEmpty() ? previous.path("inputs").deepCopy() : JSON.valueToTree(inputs));
    if (m.get("inputs").isMissingNode()) {
      m.set("inputs", JSON.createArrayNode());
    }
    Map<String, Long> knownRows = new LinkedHashMap<>();
    previous
        .path("outputs")
        .forEach(
            o -> {
              if (o.hasNonNull("rows")) {
                knownRows.put(o.get("path").asText(), o.get("rows").asLong());
              }
            });
    knownRows.putAll(rows);
    ArrayNode outputs = m.putArray("outputs");
    outputs(dir)
        .forEach(
            (path, sha) -> {
              ObjectNode o = outputs.addObject();
              o.put("path", path);
              if (knownRows.containsKey(path)) {
                o.put("rows", knownRows.get(path));
              }
              o.put("sha256", sha);
            });
    Map<String, Double> stages = new LinkedHashMap<>();
    previous
        .path("stages")
        .forEach(s -> stages.put(s.get("name").asText(), s.get("seconds").asDouble()));
    stages.putAll(stageSeconds);
    ArrayNode st = m.putArray("stages");
    stages.forEach(
        (name, s) ->
            st.addObject().put("name", name).put("seconds", Math.round(s * 1000) / 1000.0));
    RunFiles.write(dir.resolve(FILE), out -> JSON.writeValue(out, m));
  }

  /**
   * Every output of a run folder with its SHA-256: each table folder as one output (its {@link
   * TableDigest}, from the rows; for a table without one, the hash of its files' names and hashes),
   * every other file on its own.
   */
  public static Map<String, String> outputs(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      Map<String, List<Path>> tables = new TreeMap<>();
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (rel.equals(FILE) || rel.equals(RunFolder.SUCCESS)) {
          continue;
        }
        if (rel.startsWith("tables/")) {
          String table = rel.substring(0, rel.indexOf('/', "tables/".length()));
          tables.computeIfAbsent(table, k -> new ArrayList<>()).add(p);
        } else {
          out.put(rel, sha256(p));
        }
      }
      for (Map.Entry<String, List<Path>> t : tables.entrySet()) {
        Path digest = dir.resolve(t.getKey()).resolve(TableDigest.FILE);
        if (Files.isRegularFile(digest)) {
          out.put(t.getKey(), Files.readString(digest).strip());
          continue;
        }
        StringBuilder sb = new StringBuilder();
        for (Path p : t.getValue()) {
          sb.append(p.getFileName()).append(' ').append(sha256(p)).append('\n');
        }
        out.put(
            t.getKey(), sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw RapportException.output(e, "cannot list the run folder %s: %s", dir, e.getMessage());
    }
    return out;
  }

  public static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw RapportException.output(e, "cannot read %s: %s", file, e.getMessage());
    }
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode tree(Object o) {
    return JSON.valueToTree(o);
  }
}
