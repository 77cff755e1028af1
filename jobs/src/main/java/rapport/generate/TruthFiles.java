package rapport.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rapport.domain.ReasonCode;
import rapport.errors.RapportException;
import rapport.generate.purchase.Effects;
import rapport.generate.purchase.Latent;
import rapport.generate.purchase.OrderPlanner;
import rapport.generate.purchase.PurchaseModel;
import rapport.generate.touch.TouchKind;
import rapport.generate.touch.TouchPlanner;
import rapport.generate.world.CampaignCalendar;
import rapport.generate.world.WorldClock;
import rapport.generate.write.CsvTable;
import rapport.generate.write.Formats;

/** The truth a test or a benchmark checks the jobs against: per customer and for the world. */
final class TruthFiles {
  private TruthFiles() {}

  static final List<String> CUSTOMER_COLUMNS =
      List.of(
          "customer_id",
          "household_id",
          "segment",
          "customer_since",
          "dropout_at",
          "churned_by_as_of",
          "closed_at",
          "coffee_rate_per_week",
          "coffee_dropout_p",
          "coffee_mean_spend",
          "service_rate_per_year",
          "service_dropout_p",
          "service_mean_spend",
          "relationship_strength",
          "baseline_hazard_per_year",
          "orders",
          "future_orders",
          "personal_touches",
          "automated_touches",
          "inbound_touches",
          "owner_rep_id");

  /** The truth's customer columns: with confounding, each customer's personal-touch targeting. */
  static List<String> customerColumns(GenerateOptions o) {
    if (!o.confounded()) {
      return CUSTOMER_COLUMNS;
    }
    List<String> out = new java.util.ArrayList<>(CUSTOMER_COLUMNS);
    out.add("personal_targeting");
    return List.copyOf(out);
  }

  static void writeCustomer(
      CsvTable table,
      boolean confounded,
      Life life,
      WorldClock clock,
      int orders,
      int future,
      int personal,
      int automated,
      int inbound,
      String closedAt,
      String owner) {
    Latent l = life.latent();
    boolean dropped = life.dropoutAt() <= clock.futureEndSecond();
    String[] row = {
      life.customer().id(),
      life.customer().householdId(),
      life.customer().segment(),
      WorldClock.date(life.customer().sinceDay()),
      dropped ? clock.timestamp(life.dropoutAt()) : "",
      Formats.bool(life.dropoutAt() < clock.asOfSecond()),
      closedAt == null ? "" : closedAt,
      life.customer().coffee() ? Formats.decimal(l.coffeeRatePerDay() * 7, 6) : "",
      life.customer().coffee() ? Formats.decimal(l.coffeeDropout(), 6) : "",
      life.customer().coffee()
          ? Formats.decimal(PurchaseModel.COFFEE.meanSpend(l.coffeeSpendRate()), 2)
          : "",
      life.customer().dealership() ? Formats.decimal(l.serviceRatePerDay() * 365, 6) : "",
      life.customer().dealership() ? Formats.decimal(l.serviceDropout(), 6) : "",
      life.customer().dealership()
          ? Formats.decimal(PurchaseModel.DEALERSHIP_SERVICE.meanSpend(l.serviceSpendRate()), 2)
          : "",
      Formats.decimal(l.strength(), 6),
      Formats.decimal(l.baselinePerDay() * 365, 6),
      String.valueOf(orders),
      String.valueOf(future),
      String.valueOf(personal),
      String.valueOf(automated),
      String.valueOf(inbound),
      owner
    };
    if (confounded) {
      row = java.util.Arrays.copyOf(row, row.length + 1);
      row[row.length - 1] = Formats.decimal(l.targeting(), 6);
    }
    table.write(row);
  }

  static void writeParameters(Path file, GenerateOptions o, WorldClock clock, Generator.Result r) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("generator", "rapport generate");
    ObjectNode opts = root.putObject("options");
    opts.put("customers", o.customers());
    opts.put("seed", o.seed());
    opts.put("as_of", o.asOf().toString());
    opts.put("time_zone", o.zone().getId());
    opts.put("bad_row_share", o.badRowShare());
    opts.put("part_rows", o.partRows());
    opts.put("contracts", o.contracts());
    if (o.busyReps()) {
      opts.put("busy_reps", true);
    }
    if (o.confounded()) {
      opts.put("confounded", true);
    }
    ObjectNode time = root.putObject("time");
    time.put("history_start", WorldClock.date(clock.startDay()));
    time.put("as_of", o.asOf().toString());
    time.put("inputs", "events strictly before as_of 00:00 local time");
    time.put("future_orders", "orders in (as_of, as_of + 365 days]");
    time.put("future_end", WorldClock.date(clock.endDay()));

    ObjectNode purchase = root.putObject("purchase");
    purchase(purchase.putObject("coffee"), PurchaseModel.COFFEE);
    purchase(purchase.putObject("dealership_service"), PurchaseModel.DEALERSHIP_SERVICE);
    ObjectNode vehicles = purchase.putObject("vehicles");
    vehicles.put("first_purchase", "on customer_since, for dealership customers");
    vehicles.put("per_year", OrderPlanner.VEHICLES_PER_YEAR);
    vehicles.put("median_eur", OrderPlanner.VEHICLE_MEDIAN_EUR);
    vehicles.put("log_sd", OrderPlanner.VEHICLE_LOG_SD);
    purchase.put("cancelled_share", OrderPlanner.CANCELLED_SHARE);
    purchase.put("returned_share_of_service", OrderPlanner.RETURNED_SHARE);

    Effects e = o.effects();
    ObjectNode dropout = root.putObject("dropout");
    dropout.put(
        "hazard",
        "h(t) = h0 * personal_hazard_ratio^personal_touches_window * automated_hazard_ratio"
            + "^automated_touches_window * fatigue_hazard_ratio^max(0, automated_touches_window -"
            + " fatigue_threshold)");
    dropout.put(
        "baseline",
        o.contracts()
            ? "contract: h0 = contract_hazard_per_year / 365 for every customer"
            : "bgnbd: h0 = sum over the customer's businesses of p * lambda (per day)");
    if (o.contracts()) {
      dropout.put("contract_hazard_per_year", e.contractHazardPerYear());
    }
    dropout.put("ends", "purchasing, pickups, inbound; with contracts every interaction");
    dropout.put("unsubscribe_mean_days", Life.UNSUBSCRIBE_MEAN_DAYS);
    dropout.put("rep_touches_kept_after_dropout", Life.AFTER_DROPOUT_REP_SHARE);
    ObjectNode effects = root.putObject("effects");
    effects.put("personal_hazard_ratio", e.personalHazardRatio());
    effects.put("automated_hazard_ratio", e.automatedHazardRatio());
    effects.put("fatigue_threshold", e.fatigueThreshold());
    effects.put("fatigue_hazard_ratio", e.fatigueHazardRatio());
    effects.put("window_days", e.windowDays());

    if (o.confounded()) {
      ObjectNode conf = root.putObject("confounding");
      conf.put("by", "warmth");
      conf.put(
          "how",
          "the reps' personal touches (calls, visits, e-mails, texts, birthday calls, pickup"
              + " chats) come at rate strength * personal_targeting: they go to the customers who"
              + " were going to stay anyway");
      conf.put(
          "personal_targeting",
          "clamp((p_ref / p_c)^power, 1/cap, cap), p_c = (coffee_rate * coffee_dropout_p +"
              + " service_rate * service_dropout_p) / (coffee_rate + service_rate), p_ref the same"
              + " with each business's mean dropout probability; per customer in"
              + " truth/customers.csv");
      conf.put("power", Latent.TARGETING_POWER);
      conf.put("cap", Latent.TARGETING_CAP);
      conf.put(
          "effect",
          "unchanged: each personal touch multiplies the dropout hazard by"
              + " effects.personal_hazard_ratio whoever receives it; a comparison of touched and"
              + " untouched customers overstates the protection");
    }
    ObjectNode touches = root.putObject("touches");
    ObjectNode strength = touches.putObject("relationship_strength");
    strength.put("distribution", "beta");
    strength.put("a", Latent.STRENGTH_A);
    strength.put("b", Latent.STRENGTH_B);
    touches.put("rep_touches_per_year_at_strength_1", TouchPlanner.REP_TOUCHES_PER_YEAR);
    touches.put("pickup_chat_per_order_at_strength_1", TouchPlanner.PICKUP_CHAT);
    touches.put("birthday_call_per_year_at_strength_1", TouchPlanner.BIRTHDAY_CALL);
    touches.put("reply_to_personal", TouchPlanner.REPLY_TO_PERSONAL);
    touches.put("sequence_enrolment", TouchPlanner.SEQUENCE_ENROLMENT);
    touches.put("tiny_campaigns", CampaignCalendar.TINY_CAMPAIGNS);
    touches.put("tiny_campaign_audience", CampaignCalendar.TINY_AUDIENCE);

    ObjectNode counts = root.putObject("counts");
    counts.put("customers", r.customers());
    counts.put("households", r.households());
    counts.put("reps", r.reps());
    counts.put("orders", r.orders());
    counts.put("future_orders", r.futureOrders());
    counts.put("interactions", r.interactions());
    ObjectNode kinds = counts.putObject("touch_kinds");
    for (TouchKind k : TouchKind.values()) {
      kinds.put(k.label(), r.touchKinds().get(k));
    }
    counts.put("churned_by_as_of", r.churnedByAsOf());

    ObjectNode bad = root.putObject("bad_rows");
    for (Map.Entry<String, Map<ReasonCode, Long>> input : r.badRows().entrySet()) {
      ObjectNode n = bad.putObject(input.getKey());
      input.getValue().forEach((reason, count) -> n.put(reason.name(), count));
    }
    try {
      json.writeValue(file.toFile(), root);
    } catch (IOException ex) {
      throw RapportException.output(ex, "cannot write %s: %s", file, ex.getMessage());
    }
  }

  private static void purchase(ObjectNode n, PurchaseModel m) {
    n.put("model", "bgnbd");
    n.put("time_unit_days", m.timeUnitDays());
    n.put("r", m.r());
    n.put("alpha", m.alpha());
    n.put("a", m.a());
    n.put("b", m.b());
    ObjectNode gg = n.putObject("gamma_gamma");
    gg.put("p", m.spendP());
    gg.put("q", m.spendQ());
    gg.put("gamma", m.spendGamma());
  }
}
