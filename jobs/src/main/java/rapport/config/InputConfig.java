package rapport.config;

import java.nio.file.Path;
import java.util.Map;
import rapport.schema.Contract;

/**
 * One configured input table.
 *
 * @param contract the contract it is read into
 * @param path a file or a folder of files
 * @param format the file format
 * @param csv CSV options (ignored for other formats)
 * @param columns the mapping of every contract column that the source provides, by contract name
 * @param lineItems rows are order lines: lines sharing an order_id roll up into one order
 * @param maxBadShare the share of quarantined rows above which the run stops with exit 3
 */
public record InputConfig(
    Contract contract,
    Path path,
    InputFormat format,
    CsvOptions csv,
    Map<String, ColumnMapping> columns,
    boolean lineItems,
    double maxBadShare) {

  public String name() {
    return contract.name();
  }
}
