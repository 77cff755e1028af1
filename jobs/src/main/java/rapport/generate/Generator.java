package rapport.generate;

import static rapport.schema.Columns.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import rapport.domain.ReasonCode;
import rapport.errors.RapportException;
import rapport.generate.bad.BadRowInjector;
import rapport.generate.purchase.Order;
import rapport.generate.purchase.Rng;
import rapport.generate.touch.InteractionRenderer;
import rapport.generate.touch.Planned;
import rapport.generate.touch.TouchKind;
import rapport.generate.touch.TouchPlanner;
import rapport.generate.touch.TouchType;
import rapport.generate.world.Campaign;
import rapport.generate.world.CampaignCalendar;
import rapport.generate.world.Customer;
import rapport.generate.world.Households;
import rapport.generate.world.Rep;
import rapport.generate.world.RepRoster;
import rapport.generate.world.WorldClock;
import rapport.generate.write.CsvTable;
import rapport.generate.write.Formats;
import rapport.generate.write.Row;
import rapport.schema.Contract;
import rapport.schema.Schemas;

/**
 * Generates a world: streams households one by one through their lives into the four input tables
 * and the truth, then writes rapport.yaml and truth/parameters.json. Memory stays flat whatever the
 * number of customers: only the rep roster and the campaign calendar are held.
 */
public final class Generator {
  /** The files and folders a world consists of; removed first so no stale part survives. */
  private static final List<String> OUTPUTS =
      List.of("reps", "customers", "orders", "interactions", "rapport.yaml", "truth");

  private final GenerateOptions o;
  private final WorldClock clock;

  public Generator(GenerateOptions options) {
    this.o = options;
    this.clock = new WorldClock(options.zone(), options.asOf(), GenerateOptions.HISTORY_YEARS);
  }

  /** What was written, for the CLI's summary and for parameters.json. */
  public record Result(
      Path out,
      long customers,
      long households,
      long reps,
      long orders,
      long futureOrders,
      long interactions,
      Map<TouchKind, Long> touchKinds,
      long churnedByAsOf,
      Map<String, Map<ReasonCode, Long>> badRows) {}

  public Result run() {
    Path out = o.out();
    prepare(out);
    RepRoster roster = RepRoster.build(o.seed(), o.customers(), clock, o.busyReps());
    List<Campaign> calendar = CampaignCalendar.build(o.seed(), o.customers(), clock);
    Households households = new Households(o.seed(), clock, roster);
    TouchPlanner planner = new TouchPlanner(clock, calendar, o.busyReps());
    Tables t = new Tables(out, o);
    long repCount = writeReps(roster, t);
    Map<TouchKind, Long> kinds = new EnumMap<>(TouchKind.class);
    for (TouchKind k : TouchKind.values()) {
      kinds.put(k, 0L);
    }
    long householdCount = 0;
    long churned = 0;
    long orders = 0;
    long future = 0;
    long interactions = 0;
    int next = 0;
    for (long h = 0; next < o.customers(); h++) {
      List<Customer> members = households.household(h, next, o.customers() - next);
      householdCount++;
      next += members.size();
      for (Customer c : members) {
        Life life =
            Life.simulate(c, clock, planner, o.contracts(), o.effects(), o.confounded(), o.seed());
        CustomerTally tally = writeLife(life, t);
        churned += life.dropoutAt() < clock.asOfSecond() ? 1 : 0;
        orders += tally.orders;
        future += tally.future;
        interactions += tally.personal + tally.automated + tally.inbound;
        kinds.merge(TouchKind.PERSONAL, (long) tally.personal, Long::sum);
        kinds.merge(TouchKind.AUTOMATED, (long) tally.automated, Long::sum);
        kinds.merge(TouchKind.INBOUND, (long) tally.inbound, Long::sum);
      }
    }
    t.close();
    Map<String, Map<ReasonCode, Long>> bad = new LinkedHashMap<>();
    bad.put("reps", t.reps.counts());
    bad.put("customers", t.customers.counts());
    bad.put("orders", t.orders.counts());
    bad.put("interactions", t.interactions.counts());
    Result result =
        new Result(
            out,
            o.customers(),
            householdCount,
            repCount,
            orders,
            future,
            interactions,
            kinds,
            churned,
            bad);
    ConfigFile.write(out, o, t.paths());
    TruthFiles.writeParameters(out.resolve("truth/parameters.json"), o, clock, result);
    return result;
  }

  private long writeReps(RepRoster roster, Tables t) {
    long n = 0;
    for (Rep r : roster.reps()) {
      if (r.startDay() >= clock.asOfDay()) {
        continue;
      }
      Row row =
          t.repShape
              .row()
              .set(REP_ID, r.id())
              .set(NAME, r.name())
              .set(EMAIL, r.email())
              .set(TEAM, r.team())
              .set(ACTIVE, Formats.bool(r.endDay() > clock.asOfDay()))
              .set(WEEKLY_CAPACITY, String.valueOf(r.weeklyCapacity()));
      t.reps.write(row.values());
      n++;
    }
    return n;
  }

  private static final class CustomerTally {
    int orders;
    int future;
    int personal;
    int automated;
    int inbound;
  }

  private CustomerTally writeLife(Life life, Tables t) {
    Customer c = life.customer();
    CustomerTally tally = new CustomerTally();
    long asOf = clock.asOfSecond();
    String digits = c.id().substring(1);
    String[] orderIds = new String[life.orders().size()];
    for (int i = 0; i < life.orders().size(); i++) {
      Order ord = life.orders().get(i);
      orderIds[i] = "O" + digits + "-" + (i + 1);
      if (ord.at() < asOf) {
        t.orders.write(orderRow(t.orderShape, orderIds[i], c, ord));
        tally.orders++;
      } else if (ord.at() <= clock.futureEndSecond()) {
        t.future.write(orderRow(t.orderShape, orderIds[i], c, ord));
        tally.future++;
      }
    }
    InteractionRenderer renderer =
        new InteractionRenderer(
            clock, t.interactionShape, c, Rng.of(o.seed(), "text", c.index()), o.busyReps());
    int seq = 0;
    for (Planned p : life.touches()) {
      if (p.at() >= asOf) {
        break;
      }
      String id = "I" + digits + "-" + (++seq);
      boolean receipt = p.type() == TouchType.RECEIPT;
      Order ord = receipt ? life.orders().get(p.step()) : null;
      t.interactions.write(renderer.render(p, id, ord, receipt ? orderIds[p.step()] : null));
      TouchKind kind = p.type().kind();
      String automatedKind = p.type().automatedKind();
      t.labels.write(id, kind.label(), automatedKind == null ? "" : automatedKind);
      switch (kind) {
        case PERSONAL -> tally.personal++;
        case AUTOMATED -> tally.automated++;
        case INBOUND -> tally.inbound++;
      }
    }
    boolean churned = life.dropoutAt() < asOf;
    String closedAt =
        o.contracts() && churned ? WorldClock.date(clock.dayOf(life.dropoutAt())) : null;
    Row row =
        t.customerShape
            .row()
            .set(CUSTOMER_ID, c.id())
            .set(HOUSEHOLD_ID, c.householdId())
            .set(FIRST_NAME, c.firstName())
            .set(LAST_NAME, c.lastName())
            .set(EMAIL, c.email())
            .set(PHONE, c.phone())
            .set(BIRTH_DATE, WorldClock.date(c.birthDay()))
            .set(CITY, c.city())
            .set(REGION, c.region())
            .set(COUNTRY, "DE")
            .set(CUSTOMER_SINCE, WorldClock.date(c.sinceDay()))
            .set(OWNER_REP_ID, c.ownerOn(clock.asOfDay() - 1).id())
            .set(DO_NOT_CONTACT, Formats.bool(c.doNotContact()))
            .set(CLOSED_AT, closedAt);
    t.customers.write(row.values());
    TruthFiles.writeCustomer(
        t.truthCustomers,
        o.confounded(),
        life,
        clock,
        tally.orders,
        tally.future,
        tally.personal,
        tally.automated,
        tally.inbound,
        closedAt,
        c.ownerOn(clock.asOfDay() - 1).id());
    return tally;
  }

  private String[] orderRow(Row.Shape shape, String id, Customer c, Order ord) {
    return shape
        .row()
        .set(ORDER_ID, id)
        .set(CUSTOMER_ID, c.id())
        .set(ORDERED_AT, clock.timestamp(ord.at()))
        .set(AMOUNT, Formats.amount(ord.cents()))
        .set(CURRENCY, "EUR")
        .set(CHANNEL, ord.channel())
        .set(STATUS, ord.status())
        .set(LOCATION_ID, ord.locationId())
        .set(CATEGORY, ord.category())
        .values();
  }

  /** Removes an earlier world's files (only those), so that no stale part file survives. */
  private static void prepare(Path out) {
    try {
      Files.createDirectories(out.resolve("truth"));
      for (String name : OUTPUTS) {
        for (Path p : List.of(out.resolve(name), out.resolve(name + ".csv"))) {
          if (Files.isDirectory(p) && !name.equals("truth")) {
            deleteTree(p);
          } else if (Files.isRegularFile(p)) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(out.resolve("truth"));
    } catch (IOException e) {
      throw RapportException.output(e, "cannot prepare output folder %s: %s", out, e.getMessage());
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The open tables of one run. */
  static final class Tables {
    final Row.Shape repShape = shape(Schemas.REPS);
    final Row.Shape customerShape = shape(Schemas.CUSTOMERS);
    final Row.Shape orderShape = shape(Schemas.ORDERS);
    final Row.Shape interactionShape = shape(Schemas.INTERACTIONS);
    final CsvTable repsFile;
    final CsvTable customersFile;
    final CsvTable ordersFile;
    final CsvTable interactionsFile;
    final BadRowInjector reps;
    final BadRowInjector customers;
    final BadRowInjector orders;
    final BadRowInjector interactions;
    final CsvTable future;
    final CsvTable labels;
    final CsvTable truthCustomers;

    Tables(Path out, GenerateOptions o) {
      long part = o.partRows();
      repsFile = table(out, Schemas.REPS, part);
      customersFile = table(out, Schemas.CUSTOMERS, part);
      ordersFile = table(out, Schemas.ORDERS, part);
      interactionsFile = table(out, Schemas.INTERACTIONS, part);
      reps = new BadRowInjector(repsFile, Schemas.REPS, o.badRowShare(), "RX", o.seed());
      customers =
          new BadRowInjector(customersFile, Schemas.CUSTOMERS, o.badRowShare(), "CX", o.seed());
      orders = new BadRowInjector(ordersFile, Schemas.ORDERS, o.badRowShare(), "OX", o.seed());
      interactions =
          new BadRowInjector(
              interactionsFile, Schemas.INTERACTIONS, o.badRowShare(), "IX", o.seed());
      Path truth = out.resolve("truth");
      future = new CsvTable(truth, "future_orders", Schemas.ORDERS.columnNames(), Long.MAX_VALUE);
      labels =
          new CsvTable(
              truth,
              "touch_labels",
              List.of(INTERACTION_ID, "touch_kind", "automated_kind"),
              Long.MAX_VALUE);
      truthCustomers =
          new CsvTable(truth, "customers", TruthFiles.customerColumns(o), Long.MAX_VALUE);
    }

    private static CsvTable table(Path out, Contract c, long part) {
      return new CsvTable(out, c.name(), c.columnNames(), part);
    }

    private static Row.Shape shape(Contract c) {
      return new Row.Shape(c.columnNames());
    }

    /** Input name → path relative to the world folder, in ingestion order. */
    Map<String, String> paths() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("reps", repsFile.relativePath());
      m.put("customers", customersFile.relativePath());
      m.put("orders", ordersFile.relativePath());
      m.put("interactions", interactionsFile.relativePath());
      return m;
    }

    void close() {
      for (CsvTable t :
          List.of(
              repsFile,
              customersFile,
              ordersFile,
              interactionsFile,
              future,
              labels,
              truthCustomers)) {
        t.close();
      }
    }
  }
}
