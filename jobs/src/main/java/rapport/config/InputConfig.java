package rapport.config;

import java.util.List;
import rapport.schema.Contract;

/**
 * One configured input table.
 *
 * @param contract the contract it is read into
 * @param sources its files, one layout each
 * @param lineItems rows are order lines: lines sharing an order_id roll up into one order
 * @param maxBadShare the share of quarantined rows above which the run stops with exit 3
 */
public record InputConfig(
    Contract contract, List<SourceConfig> sources, boolean lineItems, double maxBadShare) {

  public String name() {
    return contract.name();
  }
}
