package rapport.generate.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rapport.errors.RapportException;
import rapport.generate.GenerateOptions;
import rapport.generate.Generator;
import rapport.run.RunFolder;

/**
 * {@code rapport generate --crm}: the generator's world written as one CRM exports it. The world is
 * generated once in the canonical layout into a hidden staging folder, rewritten file by file in
 * the CRM's layout with its record ids, and the staging folder removed. The truth keeps
 * parameters.json and the touch labels under the export's ids (for {@code rapport evaluate
 * touches}); touches the CRM does not hold are not labelled.
 */
public final class ExportWriter {
  private static final String STAGING = ".canonical-world";

  private ExportWriter() {}

  /** What was written: the world's counts (canonical) and each export file with its rows. */
  public record Result(Generator.Result world, List<Written> files) {}

  public record Written(String name, long rows) {}

  public static Result write(GenerateOptions o, CrmLayout crm) {
    if (o.badRowShare() > 0) {
      throw RapportException.usage(
          "--bad-rows is %s with --crm %s; a CRM export layout is written clean: leave --bad-rows"
              + " out",
          o.badRowShare(), crm.optionName());
    }
    if (o.contracts()) {
      throw RapportException.usage(
          "--contracts with --crm %s: the %s profile maps no closed_at; leave --contracts out",
          crm.optionName(), crm.optionName());
    }
    Path out = o.out();
    Path staging = out.resolve(STAGING);
    RunFolder.delete(staging);
    Generator.Result world =
        new Generator(
                new GenerateOptions(
                    o.customers(),
                    o.seed(),
                    o.asOf(),
                    o.zone(),
                    0,
                    Long.MAX_VALUE,
                    false,
                    o.effects(),
                    false,
                    o.confounded(),
                    staging))
            .run();
    ExportLayout layout =
        switch (crm) {
          case SALESFORCE -> new SalesforceExport(out, o.zone());
          case HUBSPOT -> new HubSpotExport(out, o.zone());
        };
    try {
      for (String name : layout.fileNames()) {
        Files.deleteIfExists(out.resolve(name));
      }
      RunFolder.delete(out.resolve("truth"));
      layout.write(new CanonicalWorld(staging));
      Files.writeString(
          out.resolve("rapport.yaml"), layout.config(o.asOf()), StandardCharsets.UTF_8);
      writeTruth(staging.resolve("truth"), out.resolve("truth"), layout, crm);
    } catch (IOException e) {
      throw RapportException.output(e, "cannot write the %s export into %s: %s", crm, out, e);
    }
    RunFolder.delete(staging);
    return new Result(
        world, layout.files().stream().map(f -> new Written(f.name(), f.rows())).toList());
  }

  private static void writeTruth(Path from, Path to, ExportLayout layout, CrmLayout crm)
      throws IOException {
    Files.createDirectories(to);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode parameters = (ObjectNode) json.readTree(from.resolve("parameters.json").toFile());
    ObjectNode options = (ObjectNode) parameters.path("options");
    options.put("crm", crm.optionName());
    options.remove("part_rows");
    parameters.put(
        "crm_export",
        "the world written as "
            + crm.optionName()
            + " exports it: the truth holds parameters.json and touch_labels.csv under the"
            + " export's ids, for the touches the export holds; no future orders or latent"
            + " customer truth");
    Files.writeString(
        to.resolve("parameters.json"),
        json.writeValueAsString(parameters) + "\n",
        StandardCharsets.UTF_8);
    try (ExportFile labels =
        new ExportFile(
            to,
            "touch_labels.csv",
            ExportFile.HUBSPOT,
            List.of("interaction_id", "touch_kind", "automated_kind"))) {
      new CanonicalWorld(from)
          .each(
              "touch_labels",
              r -> {
                String id = layout.interactionId(r.get("interaction_id"));
                if (id != null) {
                  labels.write(id, r.get("touch_kind"), r.get("automated_kind"));
                }
              });
    }
  }
}
