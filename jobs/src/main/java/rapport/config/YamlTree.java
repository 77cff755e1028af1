package rapport.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import rapport.errors.RapportException;

/**
 * Reads {@code rapport.yaml} into a tree with its anchors and aliases resolved ({@code &orders} ...
 * {@code *orders}, and merges with {@code <<: *defaults}).
 *
 * <p>Why not Jackson's YAML reader: it returns an alias as the anchor's name, so a repeated column
 * mapping silently became the text "orders". SnakeYAML composes the document with aliases pointing
 * at their anchors; the limits below stop an alias bomb (a few lines that expand to billions of
 * nodes) before it is expanded.
 *
 * <p>Plain scalars are typed as YAML 1.2 does: null, true/false, integers and decimals; everything
 * else, and every quoted scalar, is text. Unlike YAML 1.1, {@code yes}, {@code no}, {@code on} and
 * {@code off} stay text, so {@code values: {No: ""}} maps the spelling "No"; and a date stays text
 * until the key that reads it validates it.
 */
final class YamlTree {
  private YamlTree() {}

  /** Aliases of lists and mappings a file may use: far more than any configuration needs. */
  static final int MAX_ALIASES = 100;

  /** Nodes of the expanded tree, aliases counted each time they are used. */
  static final int MAX_NODES = 100_000;

  static final int MAX_DEPTH = 50;

  private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+\\.[0-9]*)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
  private static final Pattern FALSE = Pattern.compile("false|False|FALSE");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static JsonNode read(String file, byte[] bytes) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      String where =
          e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
      throw RapportException.usage(
          "%s is not valid YAML%s: %s; fix the file's indentation and brackets",
          file, where, e.getProblem());
    } catch (YAMLException e) {
      if (e.getMessage() != null && e.getMessage().contains("aliases")) {
        throw aliasBomb(file);
      }
      throw RapportException.usage(
          "%s is not valid YAML: %s; fix the file's indentation and brackets",
          file, e.getMessage());
    }
    if (root == null) {
      return NODES.objectNode();
    }
    return new Converter(file).convert(root, "", 0);
  }

  private static RapportException aliasBomb(String file) {
    return RapportException.usage(
        "%s: its aliases expand beyond %d lists or mappings or %d values (an alias bomb?);"
            + " write the repeated parts out or use fewer anchors",
        file, MAX_ALIASES, MAX_NODES);
  }

  private static final class Converter {
    private final String file;
    private int nodes;

    Converter(String file) {
      this.file = file;
    }

    JsonNode convert(Node n, String path, int depth) {
      if (++nodes > MAX_NODES) {
        throw aliasBomb(file);
      }
      if (depth > MAX_DEPTH) {
        throw RapportException.usage(
            "%s nests deeper than %d levels at '%s' (an alias inside its own anchor?); flatten it",
            file, MAX_DEPTH, path);
      }
      if (n instanceof ScalarNode s) {
        return scalar(s);
      }
      if (n instanceof SequenceNode seq) {
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < seq.getValue().size(); i++) {
          out.add(convert(seq.getValue().get(i), path + "[" + i + "]", depth + 1));
        }
        return out;
      }
      MappingNode map = (MappingNode) n;
      ObjectNode out = NODES.objectNode();
      List<Node> merges = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw RapportException.usage(
              "%s: a key under '%s' is a list or mapping; keys are names", file, display(path));
        }
        if (key.getTag().equals(Tag.MERGE)) {
          merges.add(t.getValueNode());
          continue;
        }
        String name = key.getValue();
        String child = path.isEmpty() ? name : path + "." + name;
        if (out.has(name)) {
          // composing does not check duplicates (constructing objects would); the last one
          // silently winning hides a mistake
          throw RapportException.usage("%s: key '%s' appears twice; keep one", file, child);
        }
        out.set(name, convert(t.getValueNode(), child, depth + 1));
      }
      // merged mappings fill in only the keys the mapping does not set itself
      for (Node m : merges) {
        List<Node> sources = m instanceof SequenceNode seq ? seq.getValue() : List.of(m);
        for (Node source : sources) {
          JsonNode merged = convert(source, path, depth + 1);
          if (!merged.isObject()) {
            throw RapportException.usage(
                "%s: '<<' under '%s' must refer to a mapping", file, display(path));
          }
          merged
              .fields()
              .forEachRemaining(
                  e -> {
                    if (!out.has(e.getKey())) {
                      out.set(e.getKey(), e.getValue());
                    }
                  });
        }
      }
      return out;
    }

    private static String display(String path) {
      return path.isEmpty() ? "(top level)" : path;
    }

    private static JsonNode scalar(ScalarNode s) {
      String v = s.getValue();
      if (!s.isPlain()) {
        return NODES.textNode(v);
      }
      if (NULL.matcher(v).matches()) {
        return NODES.nullNode();
      }
      if (TRUE.matcher(v).matches()) {
        return NODES.booleanNode(true);
      }
      if (FALSE.matcher(v).matches()) {
        return NODES.booleanNode(false);
      }
      if (INT.matcher(v).matches()) {
        BigInteger i = new BigInteger(v);
        return i.bitLength() < 32
            ? NODES.numberNode(i.intValue())
            : i.bitLength() < 64 ? NODES.numberNode(i.longValue()) : NODES.numberNode(i);
      }
      if (FLOAT.matcher(v).matches()) {
        return NODES.numberNode(Double.parseDouble(v));
      }
      return NODES.textNode(v);
    }
  }
}
